package io.anycalltaxi.core.events;

/**
 * The ride ended; its fare is what will be charged.
 *
 * @param distanceMeters the distance charged: the meter's, or the server's when the meter was
 *                       implausible (then {@code flagged})
 * @param fareSource     {@code METER}, {@code SERVER} (the meter was outside the band) or
 *                       {@code OPERATOR} (an operator ended a ride that never ended)
 */
public record TripEnded(String callId, long distanceMeters, long durationSeconds, Money fare, FareParts fareParts,
        String fareSource, boolean flagged) implements TripData {
}
