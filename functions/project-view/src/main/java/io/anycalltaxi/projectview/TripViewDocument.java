package io.anycalltaxi.projectview;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.projectview.TripView.Notice;
import io.anycalltaxi.projectview.TripView.Payment;
import io.anycalltaxi.projectview.TripView.Position;
import io.anycalltaxi.projectview.TripView.RefundLine;
import io.anycalltaxi.projectview.TripView.Review;
import io.anycalltaxi.projectview.TripView.Ride;
import io.anycalltaxi.projectview.TripView.Stage;
import io.anycalltaxi.projectview.TripView.Taxi;

/** A view as MongoDB stores it ({@code trip_views}), written only by {@link TripViews}. */
@Document("trip_views")
record TripViewDocument(
        @Id String callId,
        long version,
        String memberId,
        TripStatus status,
        int statusSequence,
        Place pickup,
        Place dropoff,
        Money fareEstimate,
        Taxi taxi,
        Position location,
        Ride ride,
        Money fare,
        FareParts fareParts,
        Money fee,
        Payment payment,
        int paymentSequence,
        List<Notice> notifications,
        List<RefundLine> refunds,
        Review review,
        List<Stage> timeline,
        Instant requestedAt,
        Instant updatedAt,
        List<String> appliedEventIds) {

    static TripViewDocument of(TripView view) {
        return new TripViewDocument(view.callId(), view.version(), view.memberId(), view.status(),
                view.statusSequence(), view.pickup(), view.dropoff(), view.fareEstimate(), view.taxi(), view.location(),
                view.ride(), view.fare(), view.fareParts(), view.fee(), view.payment(), view.paymentSequence(),
                view.notifications(), view.refunds(), view.review(), view.timeline(), view.requestedAt(),
                view.updatedAt(), view.appliedEventIds());
    }

    TripView view() {
        return new TripView(callId, version, memberId, status, statusSequence, pickup, dropoff, fareEstimate, taxi,
                location, ride, fare, fareParts, fee, payment, paymentSequence, notifications, refunds, review, timeline,
                requestedAt, updatedAt, appliedEventIds);
    }

    TripViewDocument withVersion(long newVersion) {
        return new TripViewDocument(callId, newVersion, memberId, status, statusSequence, pickup, dropoff, fareEstimate,
                taxi, location, ride, fare, fareParts, fee, payment, paymentSequence, notifications, refunds, review,
                timeline, requestedAt, updatedAt, appliedEventIds);
    }
}
