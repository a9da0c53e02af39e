package io.anycalltaxi.core.events;

public record TripCompleted(String callId, Money fare, String paymentId) implements TripData {
}
