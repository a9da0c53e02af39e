package io.anycalltaxi.core.trip;

/**
 * The outcome of charging the member's card for this trip.
 *
 * @param cardToken the card that was charged: a declined trip is tried again once the member's
 *                  card on file is another one
 */
public record Charge(Outcome outcome, String paymentId, long amount, String currency, String cardToken,
        String cardLast4, String reason) {

    public enum Outcome { APPROVED, DECLINED }

    public static Charge approved(String paymentId, long amount, String currency, String cardToken, String cardLast4) {
        return new Charge(Outcome.APPROVED, paymentId, amount, currency, cardToken, cardLast4, null);
    }

    public static Charge declined(long amount, String currency, String cardToken, String cardLast4, String reason) {
        return new Charge(Outcome.DECLINED, null, amount, currency, cardToken, cardLast4, reason);
    }

    public boolean isApproved() {
        return outcome == Outcome.APPROVED;
    }
}
