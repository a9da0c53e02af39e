package io.anycalltaxi.reviewtrip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param memberId optional: the caller's token says who reviews; if given it must be the same member
 */
public record ReviewForm(
        @Size(max = 64) String memberId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 500) String comment) {
}
