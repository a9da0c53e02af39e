package io.anycalltaxi.core.trip;

import java.time.Instant;

/** @param arrivedAt when the taxi reported it was at the pickup, null before */
public record AssignedTaxi(String taxiId, String taxiNumber, String driverName, long etaSeconds, Instant assignedAt,
        Instant arrivedAt) {

    AssignedTaxi arrived(Instant at) {
        return new AssignedTaxi(taxiId, taxiNumber, driverName, etaSeconds, assignedAt, at);
    }
}
