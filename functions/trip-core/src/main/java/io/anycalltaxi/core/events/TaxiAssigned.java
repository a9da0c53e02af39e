package io.anycalltaxi.core.events;

public record TaxiAssigned(String callId, String taxiId, String taxiNumber, String driverName, long etaSeconds) implements TripData {
}
