package io.anycalltaxi.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record PassengerBoarded(@NotBlank @Size(max = 64) String callId, @NotBlank @Size(max = 64) String taxiId)
        implements DriverEvent, TripData {
}
