package io.anycalltaxi.core.events;

/**
 * A charge did not go through.
 *
 * @param retryable true for a declined card (another card is charged once the member puts it on
 *                  file); false when payment refused the request itself, which operators settle
 * @param purpose   what was to be charged: {@code FARE}, {@code CANCEL_FEE} or {@code NO_SHOW_FEE}
 * @param amount    what was to be charged
 */
public record PaymentFailed(String callId, String reason, boolean retryable, String purpose, Money amount)
        implements TripData {
}
