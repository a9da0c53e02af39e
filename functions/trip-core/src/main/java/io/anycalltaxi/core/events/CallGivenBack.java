package io.anycalltaxi.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The driver gives an accepted call back before the passenger boarded ({@code io.anycalltaxi.driver.call.cancelled}). */
public record CallGivenBack(@NotBlank @Size(max = 64) String callId, @NotBlank @Size(max = 64) String taxiId,
        @Size(max = 200) String reason)
        implements DriverEvent, TripData {
}
