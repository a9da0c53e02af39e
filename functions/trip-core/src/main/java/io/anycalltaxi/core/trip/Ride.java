package io.anycalltaxi.core.trip;

import java.time.Instant;

/**
 * The ride itself: when the system received boarding and alighting, and what was charged for.
 *
 * @param fareSource whose figures the fare is from: {@code METER}, {@code SERVER} or {@code OPERATOR}
 */
public record Ride(Instant startedAt, Instant endedAt, long distanceMeters, long durationSeconds, String fareSource) {

    static Ride startedAt(Instant at) {
        return new Ride(at, null, 0, 0, null);
    }

    Ride endedAt(Instant at, long distanceMeters, long durationSeconds, String fareSource) {
        return new Ride(startedAt, at, distanceMeters, durationSeconds, fareSource);
    }
}
