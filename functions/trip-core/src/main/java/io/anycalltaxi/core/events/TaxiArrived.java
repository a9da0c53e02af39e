package io.anycalltaxi.core.events;

import java.time.Instant;

/** The assigned taxi is at the pickup, since {@code arrivedAt}: the no-show wait starts. */
public record TaxiArrived(String callId, String taxiId, Instant arrivedAt) implements TripData {
}
