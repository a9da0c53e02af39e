package io.anycalltaxi.core.trip.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.AssignedTaxi;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Discount;
import io.anycalltaxi.core.trip.Flag;
import io.anycalltaxi.core.trip.Refund;
import io.anycalltaxi.core.trip.Review;
import io.anycalltaxi.core.trip.Ride;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripEvent;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * A trip as MongoDB stores it ({@code trips}): the trip's state, and what the queries need that
 * the trip itself does not: {@code moneyOpen} for the payment sweep, {@code flagged} for the
 * operators' list, {@code outboxSources} for each producer's relay (all derived, and indexed, see
 * {@link Trips#indexes()}).
 */
@Document("trips")
public record TripDocument(
        @Id String callId,
        long version,
        String memberId,
        TripStatus status,
        Place pickup,
        Place dropoff,
        Money fareEstimate,
        Discount discount,
        Instant requestedAt,
        AssignedTaxi taxi,
        Ride ride,
        Money fare,
        FareParts fareParts,
        Money fee,
        List<ChargeAttempt> charges,
        List<Refund> refunds,
        List<Flag> flags,
        boolean flagged,
        boolean moneyOpen,
        Review review,
        List<TripEvent> events,
        List<String> outbox,
        List<String> outboxSources) {

    static TripDocument of(Trip trip) {
        return new TripDocument(trip.callId(), trip.version(), trip.memberId(), trip.status(), trip.pickup(),
                trip.dropoff(), trip.fareEstimate(), trip.discount(), trip.requestedAt(), trip.taxi(), trip.ride(),
                trip.fare(), trip.fareParts(), trip.fee(), trip.charges(), trip.refunds(), trip.flags(),
                !trip.flags().isEmpty(), trip.moneyOpen(), trip.review(), trip.events(), trip.outbox(), trip.outboxSources());
    }

    Trip trip() {
        return new Trip(callId, version, memberId, status, pickup, dropoff, fareEstimate, discount, requestedAt, taxi,
                ride, fare, fareParts, fee, charges, refunds, flags, review, events, outbox);
    }

    TripDocument withVersion(long newVersion) {
        return new TripDocument(callId, newVersion, memberId, status, pickup, dropoff, fareEstimate, discount,
                requestedAt, taxi, ride, fare, fareParts, fee, charges, refunds, flags, flagged, moneyOpen, review, events,
                outbox, outboxSources);
    }
}
