package io.anycalltaxi.reviewtrip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param memberId who reviews: it must be the member who rode (until authentication exists, the
 *                 caller's claim)
 */
public record ReviewForm(
        @NotBlank @Size(max = 64) String memberId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 500) String comment) {
}
