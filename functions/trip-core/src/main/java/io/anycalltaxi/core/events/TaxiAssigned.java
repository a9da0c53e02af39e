package io.anycalltaxi.core.events;

/** @param driverRating the driver's average review rating, null before the first review */
public record TaxiAssigned(String callId, String taxiId, String taxiNumber, String driverName, Double driverRating,
        long etaSeconds) implements TripData {
}
