package io.anycalltaxi.core.trip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.CallExpired;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.events.TripReviewed;
import io.anycalltaxi.core.events.TripStarted;

/**
 * A call and the trip it becomes: the aggregate every trip-changing function acts on. Each change
 * returns a new Trip carrying the event it caused, or throws {@link TripRefusal} when the status
 * or the acting driver does not allow it.
 *
 * @param version  bumped on every stored change; writes are conditional on it (no transactions needed)
 * @param discount the promotion taken for this trip when it was called, if any
 * @param events   everything this trip emitted, in order
 * @param outbox   ids of events their producer publishes to the broker itself and has not yet
 *                 (events answered as a reply never enter it)
 */
@Document("trips")
public record Trip(
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
        Charge charge,
        Review review,
        List<TripEvent> events,
        List<String> outbox) {

    public Trip {
        Objects.requireNonNull(callId, "callId");
        events = List.copyOf(events);
        outbox = List.copyOf(outbox);
    }

    public static Trip request(String callId, String memberId, Place pickup, Place dropoff, Money fareEstimate,
            Cause cause) {
        return request(callId, memberId, pickup, dropoff, fareEstimate, null, cause);
    }

    /** A call with a promotion taken: the estimate shown is already discounted. */
    public static Trip request(String callId, String memberId, Place pickup, Place dropoff, Money fareEstimate,
            Discount discount, Cause cause) {
        Trip requested = new Trip(callId, 0, memberId, TripStatus.REQUESTED, pickup, dropoff, fareEstimate, discount,
                cause.at(), null, null, null, null, null, List.of(), List.of());
        return requested.emit(EventType.CALL_REQUESTED,
                new CallRequested(callId, memberId, pickup, dropoff, fareEstimate), cause);
    }

    public Trip cancel(String reason, Cause cause) {
        return moveTo(TripStatus.CANCELLED).emit(EventType.CALL_CANCELLED, new CallCancelled(callId, reason), cause);
    }

    public Trip expire(Cause cause) {
        return moveTo(TripStatus.EXPIRED).emit(EventType.CALL_EXPIRED, new CallExpired(callId), cause);
    }

    public Trip assign(String taxiId, String taxiNumber, String driverName, long etaSeconds, Cause cause) {
        return assign(taxiId, taxiNumber, driverName, null, etaSeconds, cause);
    }

    /** @param driverRating the driver's average rating so far, null before the first review */
    public Trip assign(String taxiId, String taxiNumber, String driverName, Double driverRating, long etaSeconds,
            Cause cause) {
        return moveTo(TripStatus.ASSIGNED)
                .with(b -> b.taxi = new AssignedTaxi(taxiId, taxiNumber, driverName, etaSeconds, cause.at()))
                .emit(EventType.TAXI_ASSIGNED,
                        new TaxiAssigned(callId, taxiId, taxiNumber, driverName, driverRating, etaSeconds), cause);
    }

    /** The passenger boarded the assigned taxi. */
    public Trip start(String taxiId, Cause cause) {
        requireDriver(taxiId);
        return moveTo(TripStatus.STARTED)
                .with(b -> b.ride = Ride.startedAt(cause.at()))
                .emit(EventType.TRIP_STARTED, new TripStarted(callId, taxiId, cause.at()), cause);
    }

    /**
     * The passenger alighted: the meter's distance and duration give the tariff's fare, less the
     * trip's discount, which is what will be charged.
     */
    public Trip end(String taxiId, long distanceMeters, long durationSeconds, Money tariffFare, Cause cause) {
        requireDriver(taxiId);
        Money fare = discount == null ? tariffFare : discount.applyTo(tariffFare);
        return moveTo(TripStatus.ENDED)
                .with(b -> {
                    b.ride = ride.endedAt(cause.at(), distanceMeters, durationSeconds);
                    b.fare = fare;
                })
                .emit(EventType.TRIP_ENDED, new TripEnded(callId, distanceMeters, durationSeconds, fare), cause);
    }

    /** The card was charged; the trip completes with {@link #complete}. */
    public Trip paid(Charge approved, Cause cause) {
        if (!approved.isApproved()) {
            throw new IllegalArgumentException("not an approved charge");
        }
        requireAwaitingPayment();
        return with(b -> b.charge = approved).emit(EventType.PAYMENT_COMPLETED,
                new PaymentCompleted(callId, approved.paymentId(), approved.amount(), approved.currency(),
                        approved.cardLast4()), cause);
    }

    /** The card was declined: the member must update it, and the trip waits in PAYMENT_FAILED. */
    public Trip declined(Charge declined, Cause cause) {
        requireAwaitingPayment();
        Trip failed = status == TripStatus.PAYMENT_FAILED ? this : moveTo(TripStatus.PAYMENT_FAILED);
        return failed.with(b -> b.charge = declined)
                .emit(EventType.PAYMENT_FAILED, new PaymentFailed(callId, declined.reason(), false), cause);
    }

    /**
     * Which charge attempt is due: 1, then one more after each decline. The payment's idempotency
     * key carries it, so a redelivered attempt never charges twice but a new card can be charged.
     */
    public int chargeAttempt() {
        return 1 + (int) events.stream().filter(e -> e.type().equals(EventType.PAYMENT_FAILED.type())).count();
    }

    public Trip complete(Cause cause) {
        if (charge == null || !charge.isApproved()) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is not paid yet");
        }
        return moveTo(TripStatus.COMPLETED)
                .emit(EventType.TRIP_COMPLETED, new TripCompleted(callId, fare, charge.paymentId()), cause);
    }

    /** F10: the member who rode reviews the completed trip, once. */
    public Trip review(String reviewer, int rating, String comment, Cause cause) {
        if (!reviewer.equals(memberId)) {
            throw refusal(TripRefusal.Reason.NOT_THE_MEMBER, "member " + reviewer + " did not ride call " + callId);
        }
        if (status != TripStatus.COMPLETED) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION,
                    "call " + callId + " is " + status + ": a trip is reviewed once it is COMPLETED");
        }
        if (review != null) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is reviewed already");
        }
        return with(b -> b.review = new Review(rating, comment, cause.at()))
                .emit(EventType.TRIP_REVIEWED, new TripReviewed(callId, taxi.taxiId(), rating, comment), cause);
    }

    /** The events an earlier delivery of this cause produced: empty if it is new. */
    public List<TripEvent> eventsCausedBy(String causeId) {
        return events.stream().filter(e -> e.causationId().equals(causeId)).toList();
    }

    public boolean isAssignedTo(String taxiId) {
        return taxi != null && taxi.taxiId().equals(taxiId);
    }

    public Trip withVersion(long newVersion) {
        return with(b -> b.version = newVersion);
    }

    /** These events are to be handed to the broker by their producer (not answered as a reply). */
    Trip queued(List<TripEvent> toPublish) {
        return with(b -> toPublish.forEach(e -> b.outbox.add(e.id())));
    }

    /** The events still in the outbox, in the order they were emitted. */
    public List<TripEvent> unpublished() {
        return events.stream().filter(e -> outbox.contains(e.id())).toList();
    }

    private void requireDriver(String taxiId) {
        if (taxi != null && !isAssignedTo(taxiId)) {
            throw refusal(TripRefusal.Reason.WRONG_DRIVER,
                    "taxi " + taxiId + " is not the taxi assigned to call " + callId);
        }
    }

    private void requireAwaitingPayment() {
        if (status != TripStatus.ENDED && status != TripStatus.PAYMENT_FAILED) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION,
                    "call " + callId + " is " + status + ": there is nothing to pay");
        }
        if (charge != null && charge.isApproved()) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is already paid");
        }
    }

    private Trip moveTo(TripStatus target) {
        if (!status.canMoveTo(target)) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION,
                    "call " + callId + " is " + status + " and cannot become " + target);
        }
        return with(b -> b.status = target);
    }

    private TripRefusal refusal(TripRefusal.Reason reason, String message) {
        return new TripRefusal(reason, status, message);
    }

    private Trip emit(EventType type, Record data, Cause cause) {
        TripEvent event = new TripEvent(cause.derivedEventId(type.type()), type.type(), cause.source(), cause.at(),
                events.size() + 1, cause.id(), EventJson.toMap(data));
        return with(b -> b.events.add(event));
    }

    private Trip with(java.util.function.Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** Copy-on-write editing of the record's many components, kept private to the aggregate. */
    private static final class Builder {
        private final String callId;
        private long version;
        private final String memberId;
        private TripStatus status;
        private final Place pickup;
        private final Place dropoff;
        private final Money fareEstimate;
        private final Discount discount;
        private final Instant requestedAt;
        private AssignedTaxi taxi;
        private Ride ride;
        private Money fare;
        private Charge charge;
        private Review review;
        private final List<TripEvent> events;
        private final List<String> outbox;

        Builder(Trip trip) {
            callId = trip.callId;
            version = trip.version;
            memberId = trip.memberId;
            status = trip.status;
            pickup = trip.pickup;
            dropoff = trip.dropoff;
            fareEstimate = trip.fareEstimate;
            discount = trip.discount;
            requestedAt = trip.requestedAt;
            taxi = trip.taxi;
            ride = trip.ride;
            fare = trip.fare;
            charge = trip.charge;
            review = trip.review;
            events = new ArrayList<>(trip.events);
            outbox = new ArrayList<>(trip.outbox);
        }

        Trip build() {
            return new Trip(callId, version, memberId, status, pickup, dropoff, fareEstimate, discount, requestedAt,
                    taxi, ride, fare, charge, review, events, outbox);
        }
    }
}
