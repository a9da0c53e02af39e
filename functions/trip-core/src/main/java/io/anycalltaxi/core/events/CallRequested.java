package io.anycalltaxi.core.events;

public record CallRequested(String callId, String memberId, Place pickup, Place dropoff, Money fareEstimate) implements TripData {
}
