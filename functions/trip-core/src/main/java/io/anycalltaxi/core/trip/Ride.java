package io.anycalltaxi.core.trip;

import java.time.Instant;

/** The ride itself: when the passenger boarded and, once alighted, what the meter measured. */
public record Ride(Instant startedAt, Instant endedAt, long distanceMeters, long durationSeconds) {

    static Ride startedAt(Instant at) {
        return new Ride(at, null, 0, 0);
    }

    Ride endedAt(Instant at, long distanceMeters, long durationSeconds) {
        return new Ride(startedAt, at, distanceMeters, durationSeconds);
    }
}
