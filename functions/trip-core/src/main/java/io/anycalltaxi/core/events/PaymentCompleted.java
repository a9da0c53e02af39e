package io.anycalltaxi.core.events;

/** @param purpose what was charged: {@code FARE}, {@code CANCEL_FEE} or {@code NO_SHOW_FEE} */
public record PaymentCompleted(String callId, String paymentId, long amount, String currency, String cardLast4,
        String purpose) implements TripData {
}
