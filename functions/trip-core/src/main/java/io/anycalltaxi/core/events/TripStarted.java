package io.anycalltaxi.core.events;

import java.time.Instant;

public record TripStarted(String callId, String taxiId, Instant startedAt) implements TripData {
}
