package io.anycalltaxi.createcall;

import java.time.Instant;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * {@code GET /calls/{id}/cancellation}: whether the call may be cancelled, what it would cost now,
 * and until when it is free, so the customer sees the rule before confirming.
 *
 * @param feeNow the fee if cancelled now, null when free
 * @param freeUntil when the grace period after the assignment ends, null before a taxi is assigned
 * @param feeAfterGrace what it costs after that, null when nothing
 */
record CancellationQuote(String callId, TripStatus status, boolean cancellable, Money feeNow, Instant freeUntil,
        Money feeAfterGrace) {

    static CancellationQuote of(Trip trip, Instant now, CancellationFee.Policy policy) {
        Instant assignedAt = trip.taxi() == null ? null : trip.taxi().assignedAt();
        boolean cancellable = trip.status().canMoveTo(TripStatus.CANCELLED);
        return new CancellationQuote(trip.callId(), trip.status(), cancellable,
                cancellable ? CancellationFee.of(assignedAt, now, policy) : null,
                cancellable && assignedAt != null ? assignedAt.plus(policy.grace()) : null,
                policy.fee().amount() == 0 ? null : policy.fee());
    }
}
