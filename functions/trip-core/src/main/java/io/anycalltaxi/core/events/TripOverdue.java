package io.anycalltaxi.core.events;

import java.time.Instant;

/** A ride that started this long ago and never ended: operators end it with a fare or void it. */
public record TripOverdue(String callId, String taxiId, Instant startedAt) implements TripData {
}
