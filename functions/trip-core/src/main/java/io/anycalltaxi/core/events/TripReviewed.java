package io.anycalltaxi.core.events;

public record TripReviewed(String callId, String taxiId, int rating, String comment) implements TripData {
}
