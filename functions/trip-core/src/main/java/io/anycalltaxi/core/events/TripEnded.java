package io.anycalltaxi.core.events;

public record TripEnded(String callId, long distanceMeters, long durationSeconds, Money fare) implements TripData {
}
