package io.anycalltaxi.core.events;

/**
 * Money went back to the card: an operator's refund, or an approval that was not owed (it lost a
 * race with another one, or the trip was voided meanwhile).
 */
public record PaymentRefunded(String callId, String paymentId, long amount, String currency, String reason)
        implements TripData {
}
