package io.anycalltaxi.core.events;

public record CallExpired(String callId) implements TripData {
}
