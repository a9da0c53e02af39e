package io.anycalltaxi.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The taxi is at the pickup ({@code io.anycalltaxi.driver.arrived}). */
public record ArrivedAtPickup(@NotBlank @Size(max = 64) String callId, @NotBlank @Size(max = 64) String taxiId)
        implements DriverEvent, TripData {
}
