package io.anycalltaxi.core.events;

/**
 * What a fare is made of, in won: the tariff's parts, the rounding to its unit, the promotion
 * taken (negative) and fees. {@code total} is their sum, what is charged.
 */
public record FareParts(long base, long distance, long time, long night, long rounding, long promotion, long fees,
        long total, String currency) {

    public Money totalMoney() {
        return new Money(total, currency);
    }
}
