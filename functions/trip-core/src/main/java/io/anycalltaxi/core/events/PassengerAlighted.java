package io.anycalltaxi.core.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The trip's measured distance and duration, as the taxi's meter reports them. */
public record PassengerAlighted(
        @NotBlank @Size(max = 64) String callId,
        @NotBlank @Size(max = 64) String taxiId,
        @PositiveOrZero @Max(2_000_000) long distanceMeters,
        @PositiveOrZero @Max(86_400) long durationSeconds) implements DriverEvent, TripData {
}
