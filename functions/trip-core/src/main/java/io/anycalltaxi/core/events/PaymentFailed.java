package io.anycalltaxi.core.events;

public record PaymentFailed(String callId, String reason, boolean retryable) implements TripData {
}
