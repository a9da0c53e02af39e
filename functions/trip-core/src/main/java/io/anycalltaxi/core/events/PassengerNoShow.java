package io.anycalltaxi.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The passenger did not come, after the no-show wait ({@code io.anycalltaxi.driver.passenger.noshow}). */
public record PassengerNoShow(@NotBlank @Size(max = 64) String callId, @NotBlank @Size(max = 64) String taxiId)
        implements DriverEvent, TripData {
}
