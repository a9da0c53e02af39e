package io.anycalltaxi.core.trip;

import java.time.Instant;

import io.anycalltaxi.core.events.Money;

/**
 * One attempt to charge the member's card, reserved on the trip before payment is asked: its id
 * is payment's idempotency key, and it carries the card and amount it asks for, so that asking
 * again (after a lost answer) asks for the very same charge whatever the member's card is now.
 */
public record ChargeAttempt(String id, Purpose purpose, Money amount, String cardToken, String cardLast4, State state,
        String paymentId, String reason, Instant reservedAt) {

    public enum Purpose { FARE, CANCEL_FEE, NO_SHOW_FEE }

    public enum State {
        /** Reserved; payment is being asked. */
        PENDING,
        /** Asked, and the outcome is not known (a timeout, "processing"): asked again by key, never retried anew. */
        UNKNOWN,
        APPROVED,
        DECLINED,
        /** Payment refused the request itself (4xx): final, for operators to settle. */
        REFUSED
    }

    public static ChargeAttempt reserve(String id, Purpose purpose, Money amount, String cardToken, String cardLast4,
            Instant at) {
        return new ChargeAttempt(id, purpose, amount, cardToken, cardLast4, State.PENDING, null, null, at);
    }

    /** Its outcome is not known yet: nothing else may be tried before it is. */
    public boolean isOpen() {
        return state == State.PENDING || state == State.UNKNOWN;
    }

    public boolean isApproved() {
        return state == State.APPROVED;
    }

    ChargeAttempt settled(State outcome, String paymentId, String reason) {
        return new ChargeAttempt(id, purpose, amount, cardToken, cardLast4, outcome, paymentId, reason, reservedAt);
    }
}
