package io.anycalltaxi.core.events;

/** An amount in the currency's smallest unit (KRW has no minor unit: whole won). */
public record Money(long amount, String currency) {

    public static Money won(long amount) {
        return new Money(amount, "KRW");
    }
}
