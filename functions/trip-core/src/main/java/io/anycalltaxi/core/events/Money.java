package io.anycalltaxi.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** An amount in the currency's smallest unit (KRW has no minor unit: whole won). */
public record Money(@PositiveOrZero long amount, @NotBlank @Size(min = 3, max = 3) String currency) {

    public static Money won(long amount) {
        return new Money(amount, "KRW");
    }
}
