package io.anycalltaxi.core.events;

public record PaymentCompleted(String callId, String paymentId, long amount, String currency, String cardLast4) implements TripData {
}
