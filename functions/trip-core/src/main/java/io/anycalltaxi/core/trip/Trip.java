package io.anycalltaxi.core.trip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;


import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.CallNoShow;
import io.anycalltaxi.core.events.CallOffered;
import io.anycalltaxi.core.events.CallReopened;
import io.anycalltaxi.core.events.CallWaiting;
import io.anycalltaxi.core.events.CallExpired;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.PaymentRefunded;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiArrived;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.events.TripReviewed;
import io.anycalltaxi.core.events.TripOverdue;
import io.anycalltaxi.core.events.TripStarted;
import io.anycalltaxi.core.events.TripVoided;

/**
 * A call and the trip it becomes: the aggregate every trip-changing function acts on. Each change
 * returns a new Trip carrying the event it caused, or throws {@link TripRefusal} when the status
 * or the acting driver does not allow it.
 *
 * @param version  bumped on every stored change; writes are conditional on it (no transactions needed)
 * @param discount the promotion taken for this trip when it was called, if any
 * @param fareParts what the fare is made of
 * @param fee      the cancellation or no-show fee owed, if the call ended with one
 * @param charges  every charge attempt, in order; see {@link CheckoutDecision}
 * @param refunds  money given back, in order
 * @param flags    what operators should look at
 * @param events   everything this trip emitted, in order
 * @param outbox   ids of events their producer publishes to the broker itself and has not yet
 *                 (events answered as a reply never enter it)
 */
public record Trip(
        String callId,
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
        Review review,
        List<TripEvent> events,
        List<String> outbox) {

    public Trip {
        Objects.requireNonNull(callId, "callId");
        charges = charges == null ? List.of() : List.copyOf(charges);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
        flags = flags == null ? List.of() : List.copyOf(flags);
        events = List.copyOf(events);
        outbox = List.copyOf(outbox);
    }

    /** Payment has something to do about this trip's money without the member (for the sweep). */
    public boolean moneyOpen() {
        return CheckoutDecision.decide(owed(), charges, refunds, null).isActionable();
    }

    /** The producers of the events in the outbox: each one's relay sends its own. */
    public List<String> outboxSources() {
        return events.stream().filter(e -> outbox.contains(e.id())).map(e -> e.source().toString()).distinct().toList();
    }

    public static Trip request(String callId, String memberId, Place pickup, Place dropoff, Money fareEstimate,
            Cause cause) {
        return request(callId, memberId, pickup, dropoff, fareEstimate, null, cause);
    }

    /** A call with a promotion taken: the estimate shown is already discounted. */
    public static Trip request(String callId, String memberId, Place pickup, Place dropoff, Money fareEstimate,
            Discount discount, Cause cause) {
        Trip requested = new Trip(callId, 0, memberId, TripStatus.REQUESTED, pickup, dropoff, fareEstimate, discount,
                cause.at(), null, null, null, null, null, List.of(), List.of(), List.of(), null, List.of(), List.of());
        return requested.emit(EventType.CALL_REQUESTED,
                new CallRequested(callId, memberId, pickup, dropoff, fareEstimate), cause);
    }

    /**
     * The customer cancels, before a taxi is assigned or while it is on its way.
     *
     * @param fee what cancelling costs now (see {@code CancellationFee}), or null when free
     */
    public Trip cancel(String reason, Money fee, Cause cause) {
        String taxiId = taxi == null ? null : taxi.taxiId();
        return moveTo(TripStatus.CANCELLED).with(b -> b.fee = fee)
                .emit(EventType.CALL_CANCELLED, new CallCancelled(callId, reason, taxiId, fee), cause);
    }

    /** The call still waits: the customer hears so, and it is offered again, to these taxis. */
    public Trip remind(int reminder, long waitingSeconds, List<String> taxiIds, Cause cause) {
        if (status != TripStatus.REQUESTED) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is " + status + ": it waits no more");
        }
        return emit(EventType.CALL_WAITING, new CallWaiting(callId, waitingSeconds, reminder), cause)
                .emit(EventType.CALL_OFFERED, new CallOffered(callId, taxiIds), cause);
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
                .with(b -> b.taxi = new AssignedTaxi(taxiId, taxiNumber, driverName, etaSeconds, cause.at(), null))
                .emit(EventType.TAXI_ASSIGNED,
                        new TaxiAssigned(callId, taxiId, taxiNumber, driverName, driverRating, etaSeconds), cause);
    }

    /** The assigned taxi leaves the call before boarding: the call waits for a taxi again. */
    public Trip reopen(String taxiId, String reason, Cause cause) {
        requireDriver(taxiId);
        return moveTo(TripStatus.REQUESTED).with(b -> b.taxi = null)
                .emit(EventType.CALL_REOPENED, new CallReopened(callId, taxiId, reason), cause);
    }

    /** The assigned taxi is at the pickup, since the system received its word. */
    public Trip arrive(String taxiId, Instant receivedAt, Cause cause) {
        requireDriver(taxiId);
        if (status != TripStatus.ASSIGNED || taxi.arrivedAt() != null) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION,
                    "call " + callId + " is " + status + (status == TripStatus.ASSIGNED ? " and its taxi arrived already"
                            : ": only a taxi on its way arrives"));
        }
        Instant at = Cause.millis(receivedAt);
        return with(b -> b.taxi = taxi.arrived(at))
                .emit(EventType.TAXI_ARRIVED, new TaxiArrived(callId, taxiId, at), cause);
    }

    /** The passenger did not come; {@code fee} is owed (null: none). See {@code NoShowRule}. */
    public Trip noShow(String taxiId, Money fee, Cause cause) {
        requireDriver(taxiId);
        return moveTo(TripStatus.NO_SHOW).with(b -> b.fee = fee)
                .emit(EventType.CALL_NOSHOW, new CallNoShow(callId, taxiId, fee), cause);
    }

    /** The passenger boarded the assigned taxi, when the system received the driver's word. */
    public Trip start(String taxiId, Instant receivedAt, Cause cause) {
        requireDriver(taxiId);
        Instant at = Cause.millis(receivedAt);
        return moveTo(TripStatus.STARTED)
                .with(b -> b.ride = Ride.startedAt(at))
                .emit(EventType.TRIP_STARTED, new TripStarted(callId, taxiId, at), cause);
    }

    /** A ride past the time limit is flagged once, for operators. */
    public Trip overdue(Cause cause) {
        if (status != TripStatus.STARTED || isFlagged(Flag.Kind.RIDE_OVERDUE)) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is not a ride to flag");
        }
        return flagged(new Flag(Flag.Kind.RIDE_OVERDUE, "started " + ride.startedAt(), cause.at()))
                .emit(EventType.TRIP_OVERDUE, new TripOverdue(callId, taxi.taxiId(), ride.startedAt()), cause);
    }

    /**
     * The passenger alighted (or an operator ended the ride, {@code taxiId} null): the fare to be
     * charged, already checked and discounted.
     *
     * @param flag why operators should look at it, or null
     */
    public Trip end(String taxiId, Instant receivedAt, long distanceMeters, long durationSeconds, FareParts parts,
            String fareSource, Flag flag, Cause cause) {
        if (taxiId != null) {
            requireDriver(taxiId);
        }
        Instant at = Cause.millis(receivedAt);
        Trip ended = moveTo(TripStatus.ENDED).with(b -> {
            b.ride = ride.endedAt(at, distanceMeters, durationSeconds, fareSource);
            b.fare = parts.totalMoney();
            b.fareParts = parts;
        });
        return (flag == null ? ended : ended.flagged(flag)).emit(EventType.TRIP_ENDED, new TripEnded(callId,
                distanceMeters, durationSeconds, parts.totalMoney(), parts, fareSource, flag != null), cause);
    }

    /** An operator voids a ride that never ended: nothing is owed. */
    public Trip voidRide(String reason, Cause cause) {
        return moveTo(TripStatus.VOIDED)
                .emit(EventType.TRIP_VOIDED, new TripVoided(callId, taxi == null ? null : taxi.taxiId(), reason), cause);
    }

    /** What the member owes for this trip, paid or not. */
    public Optional<Due> owed() {
        return owed(status, fare, fee);
    }

    private static Optional<Due> owed(TripStatus status, Money fare, Money fee) {
        return switch (status) {
            case ENDED, PAYMENT_FAILED, COMPLETED -> Optional.of(new Due(ChargeAttempt.Purpose.FARE, fare));
            case CANCELLED -> Optional.ofNullable(fee).map(f -> new Due(ChargeAttempt.Purpose.CANCEL_FEE, f));
            case NO_SHOW -> Optional.ofNullable(fee).map(f -> new Due(ChargeAttempt.Purpose.NO_SHOW_FEE, f));
            default -> Optional.empty();
        };
    }

    /** What to do about this trip's money; {@code card} is the member's card on file (null: not known). */
    public CheckoutDecision.Next checkout(String card) {
        return CheckoutDecision.decide(owed(), charges, refunds, card);
    }

    /** The approved charge that pays what is owed, if any. */
    public Optional<ChargeAttempt> payment() {
        return CheckoutDecision.settling(owed(), charges);
    }

    /** What is owed is paid (a trip completes only then). */
    public boolean isPaid() {
        return payment().isPresent();
    }

    /** A new charge attempt is reserved: one conditional write, before payment is asked. */
    public Trip reserve(ChargeAttempt attempt) {
        if (!(checkout(attempt.cardToken()) instanceof CheckoutDecision.Charge due) || due.purpose() != attempt.purpose()
                || !due.amount().equals(attempt.amount())) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " has no charge to start");
        }
        return with(b -> b.charges.add(attempt));
    }

    /** The id the next charge attempt gets: payment's idempotency key. */
    public String nextAttemptId() {
        return callId + "#" + (charges.size() + 1);
    }

    /**
     * Records what payment answered for this attempt. An approval is recorded whatever happened
     * meanwhile (the money was taken); it settles what is owed, or is a surplus to refund.
     */
    public Trip settle(String attemptId, ChargeAttempt.State outcome, String paymentId, String reason, Cause cause) {
        ChargeAttempt attempt = charges.stream().filter(a -> a.id().equals(attemptId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attempt " + attemptId));
        if (!attempt.isOpen() || outcome == ChargeAttempt.State.PENDING) {
            return this;
        }
        Trip settled = with(b -> b.charges.replaceAll(a -> a.id().equals(attemptId)
                ? a.settled(outcome, paymentId, reason) : a));
        ChargeAttempt recorded = settled.charges.stream().filter(a -> a.id().equals(attemptId)).findFirst().orElseThrow();
        boolean forFare = attempt.purpose() == ChargeAttempt.Purpose.FARE;
        return switch (outcome) {
            case APPROVED -> settled.payment().filter(recorded::equals).isEmpty() ? settled
                    : settled.emit(EventType.PAYMENT_COMPLETED, new PaymentCompleted(callId, paymentId,
                            attempt.amount().amount(), attempt.amount().currency(), attempt.cardLast4(),
                            attempt.purpose().name()), cause);
            case DECLINED -> settled.failedTo(forFare)
                    .emit(EventType.PAYMENT_FAILED, new PaymentFailed(callId, reason, true, attempt.purpose().name(),
                            attempt.amount()), cause);
            case REFUSED -> settled.failedTo(forFare)
                    .flagged(new Flag(Flag.Kind.PAYMENT_REFUSED, reason, cause.at()))
                    .emit(EventType.PAYMENT_FAILED, new PaymentFailed(callId, reason, false, attempt.purpose().name(),
                            attempt.amount()), cause);
            default -> settled;
        };
    }

    /** A refund is reserved on an approved charge, before payment is asked. */
    public Trip reserveRefund(Refund refund) {
        return with(b -> b.refunds.add(refund));
    }

    public String nextRefundId() {
        return callId + "#refund-" + (refunds.size() + 1);
    }

    /** What has been given back (or is being) on this approved attempt. */
    public long refundedOn(String attemptId) {
        return refunds.stream().filter(r -> r.attemptId().equals(attemptId) && r.state() != Refund.State.REFUSED)
                .mapToLong(r -> r.amount().amount()).sum();
    }

    public Trip refundSettled(String refundId, Refund.State outcome, Cause cause) {
        Refund refund = refunds.stream().filter(r -> r.id().equals(refundId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no refund " + refundId));
        if (!refund.isOpen() || outcome == Refund.State.PENDING) {
            return this;
        }
        Trip settled = with(b -> b.refunds.replaceAll(r -> r.id().equals(refundId) ? r.settled(outcome) : r));
        return outcome != Refund.State.DONE ? settled : settled.emit(EventType.PAYMENT_REFUNDED,
                new PaymentRefunded(callId, refund.paymentId(), refund.amount().amount(), refund.amount().currency(),
                        refund.reason()), cause);
    }

    public Trip complete(Cause cause) {
        if (status != TripStatus.ENDED && status != TripStatus.PAYMENT_FAILED || !isPaid()) {
            throw refusal(TripRefusal.Reason.ILLEGAL_TRANSITION, "call " + callId + " is not paid yet");
        }
        return moveTo(TripStatus.COMPLETED)
                .emit(EventType.TRIP_COMPLETED, new TripCompleted(callId, fare, payment().get().paymentId()), cause);
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

    /** This taxi is on this trip now: assigned to it, on its way, at the pickup or riding. */
    public boolean hasOnIt(String taxiId) {
        return isAssignedTo(taxiId) && status.holdsTaxi();
    }


    /** These events are to be handed to the broker by their producer (not answered as a reply). */
    public Trip queued(List<TripEvent> toPublish) {
        return with(b -> toPublish.forEach(e -> b.outbox.add(e.id())));
    }

    /** These events reached the broker: they leave the outbox. */
    public Trip published(Collection<String> eventIds) {
        return with(b -> b.outbox.removeAll(eventIds));
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

    public boolean isFlagged(Flag.Kind kind) {
        return flags.stream().anyMatch(f -> f.kind() == kind);
    }

    private Trip flagged(Flag flag) {
        return with(b -> b.flags.add(flag));
    }

    /** A declined or refused fare leaves the trip PAYMENT_FAILED; a fee's failure changes no status. */
    private Trip failedTo(boolean forFare) {
        return forFare && status == TripStatus.ENDED ? moveTo(TripStatus.PAYMENT_FAILED) : this;
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
        private final long version;
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
        private FareParts fareParts;
        private Money fee;
        private final List<ChargeAttempt> charges;
        private final List<Refund> refunds;
        private final List<Flag> flags;
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
            fareParts = trip.fareParts;
            fee = trip.fee;
            charges = new ArrayList<>(trip.charges);
            refunds = new ArrayList<>(trip.refunds);
            flags = new ArrayList<>(trip.flags);
            review = trip.review;
            events = new ArrayList<>(trip.events);
            outbox = new ArrayList<>(trip.outbox);
        }

        Trip build() {
            return new Trip(callId, version, memberId, status, pickup, dropoff, fareEstimate, discount, requestedAt,
                    taxi, ride, fare, fareParts, fee, charges, refunds, flags, review, events, outbox);
        }
    }
}
