package io.anycalltaxi.core.trip;

import java.time.Instant;

import io.anycalltaxi.core.events.Money;

/**
 * Money given back on an approved charge, reserved on the trip before payment is asked (its id is
 * the idempotency key), like a {@link ChargeAttempt}.
 *
 * @param attemptId the approved attempt it gives back (part of)
 */
public record Refund(String id, String attemptId, String paymentId, Money amount, String reason, State state,
        Instant reservedAt) {

    public enum State { PENDING, DONE, REFUSED }

    public boolean isOpen() {
        return state == State.PENDING;
    }

    Refund settled(State outcome) {
        return new Refund(id, attemptId, paymentId, amount, reason, outcome, reservedAt);
    }
}
