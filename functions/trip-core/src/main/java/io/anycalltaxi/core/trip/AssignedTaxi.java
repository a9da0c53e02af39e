package io.anycalltaxi.core.trip;

import java.time.Instant;

public record AssignedTaxi(String taxiId, String taxiNumber, String driverName, long etaSeconds, Instant assignedAt) {
}
