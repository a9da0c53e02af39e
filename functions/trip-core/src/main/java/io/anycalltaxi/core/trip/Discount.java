package io.anycalltaxi.core.trip;

import io.anycalltaxi.core.events.Money;

/** A promotion applied to this trip's fare (F11): taken when the call was made. */
public record Discount(String code, int percent) {

    /** The amount after the discount, rounded down to a whole 100 won in the member's favour. */
    public Money applyTo(Money fare) {
        long discounted = fare.amount() * (100 - percent) / 100;
        return new Money(discounted - discounted % 100, fare.currency());
    }
}
