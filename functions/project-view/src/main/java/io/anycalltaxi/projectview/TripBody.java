package io.anycalltaxi.projectview;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

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
import io.anycalltaxi.projectview.TripView.Taxi;

/**
 * A view as the member's app (or an operator) reads it: what the view knows, without the
 * bookkeeping that keeps it exact (its version, the sequences it ordered by, the events applied).
 */
record TripBody(String callId, String memberId, TripStatus status, Place pickup, Place dropoff, Money fareEstimate,
        Taxi taxi, Position location, Ride ride, Money fare, FareParts fareParts, Money fee, Payment payment,
        List<Notice> notifications, List<RefundLine> refunds, Review review, List<Line> timeline, Instant requestedAt,
        Instant updatedAt) {

    /** One line of the timeline: which event, when, and what it means for the customer. */
    record Line(String type, Instant time, String line) {
    }

    /** @param locale the language the timeline is written in (the member's) */
    static TripBody of(TripView view, TimelineTexts texts, Locale locale) {
        return new TripBody(view.callId(), view.memberId(), view.status(), view.pickup(), view.dropoff(),
                view.fareEstimate(), view.taxi(), view.location(), view.ride(), view.fare(), view.fareParts(),
                view.fee(), view.payment(), view.notifications(), view.refunds(), view.review(),
                view.timeline().stream()
                        .map(stage -> new Line(stage.type(), stage.time(), texts.line(stage.line(), locale))).toList(),
                view.requestedAt(), view.updatedAt());
    }
}
