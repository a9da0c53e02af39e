package io.anycalltaxi.createcall;

import io.anycalltaxi.core.events.Place;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * F1: where the customer is and where to go.
 *
 * @param memberId optional: the caller's token says who calls; if given it must be the same member
 */
public record CallForm(
        @Size(max = 64) String memberId,
        @NotNull @Valid Place pickup,
        @NotNull @Valid Place dropoff) {
}
