package io.anycalltaxi.projectview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.CallNoShow;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.PaymentRefunded;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.events.TextSent;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.events.TripReviewed;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * The customer's view of one call, every stage from call to review (N3). Built by {@link #apply}
 * from the trip's events in any order and any number of times: the same events always give the
 * same view. The status follows the trip event with the highest sequence, so it never moves back.
 * Stored as a {@link TripViewDocument}, shown as a {@link TripBody}.
 */
public record TripView(
        String callId,
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

    public record Taxi(String taxiId, String taxiNumber, String driverName, Double rating, long etaSeconds) {
    }

    public record Position(double lat, double lng, Instant at) {
    }

    /** @param fareSource whose figures were charged: {@code METER}, {@code SERVER} or {@code OPERATOR} */
    public record Ride(long distanceMeters, long durationSeconds, String fareSource) {
    }

    /** @param purpose what it is for: {@code FARE}, {@code CANCEL_FEE} or {@code NO_SHOW_FEE} */
    public record Payment(String status, Long amount, String currency, String cardLast4, String paymentId,
            String reason, String purpose) {
    }

    public record RefundLine(String paymentId, long amount, String currency, String reason, Instant at) {
    }

    public record Notice(String kind, String phoneMasked, Instant at) {
    }

    public record Review(int rating, String comment) {
    }

    /**
     * One line of the timeline: which event, when, and what it means for the customer, as a message
     * shown in the member's language ({@link TimelineTexts}).
     */
    public record Stage(String type, Instant time, int sequence, String eventId, Message line) {
    }

    /** A message of the timeline's bundle ({@code timeline.<key>}) and its arguments. */
    public record Message(String key, List<String> arguments) {
    }

    private static final String TYPE_PREFIX = "io.anycalltaxi.";

    private static final Comparator<Stage> CHRONOLOGICAL = Comparator.comparing(Stage::time)
            .thenComparing(stage -> stage.sequence() == 0 ? Integer.MAX_VALUE : stage.sequence())
            .thenComparing(Stage::type)
            .thenComparing(Stage::eventId);

    /**
     * What each event changes in the view besides its timeline and status, one small handler per
     * event; an event not named here adds its stage and nothing else.
     */
    private static final Map<EventType, BiConsumer<Builder, ViewEvent>> CHANGES = Map.ofEntries(
            Map.entry(EventType.CALL_REQUESTED, TripView::requested),
            Map.entry(EventType.TAXI_ASSIGNED, TripView::assigned),
            Map.entry(EventType.CALL_REOPENED, (view, event) -> {
                view.taxi = null;
                view.location = null;
            }),
            Map.entry(EventType.CALL_CANCELLED, (view, event) -> view.fee = event.data(CallCancelled.class).fee()),
            Map.entry(EventType.CALL_NOSHOW, (view, event) -> view.fee = event.data(CallNoShow.class).fee()),
            Map.entry(EventType.TRIP_ENDED, TripView::ended),
            Map.entry(EventType.PAYMENT_COMPLETED, TripView::paid),
            Map.entry(EventType.PAYMENT_FAILED, TripView::notPaid),
            Map.entry(EventType.PAYMENT_REFUNDED, TripView::refunded),
            Map.entry(EventType.TEXT_SENT, TripView::texted),
            Map.entry(EventType.TRIP_REVIEWED, (view, event) -> {
                TripReviewed reviewed = event.data(TripReviewed.class);
                view.review = new Review(reviewed.rating(), reviewed.comment());
            }));

    private static void requested(Builder view, ViewEvent event) {
        CallRequested requested = event.data(CallRequested.class);
        view.memberId = requested.memberId();
        view.pickup = requested.pickup();
        view.dropoff = requested.dropoff();
        view.fareEstimate = requested.fareEstimate();
        view.requestedAt = event.time();
    }

    private static void assigned(Builder view, ViewEvent event) {
        TaxiAssigned assigned = event.data(TaxiAssigned.class);
        view.taxi = new Taxi(assigned.taxiId(), assigned.taxiNumber(), assigned.driverName(), assigned.driverRating(),
                assigned.etaSeconds());
    }

    private static void ended(Builder view, ViewEvent event) {
        TripEnded ended = event.data(TripEnded.class);
        view.ride = new Ride(ended.distanceMeters(), ended.durationSeconds(), ended.fareSource());
        view.fare = ended.fare();
        view.fareParts = ended.fareParts();
    }

    private static void paid(Builder view, ViewEvent event) {
        PaymentCompleted paid = event.data(PaymentCompleted.class);
        view.payment(event.sequence(), new Payment("PAID", paid.amount(), paid.currency(), paid.cardLast4(),
                paid.paymentId(), null, paid.purpose()));
    }

    private static void notPaid(Builder view, ViewEvent event) {
        PaymentFailed failed = event.data(PaymentFailed.class);
        Money amount = failed.amount();
        view.payment(event.sequence(), new Payment("FAILED", amount == null ? null : amount.amount(),
                amount == null ? null : amount.currency(), null, null, failed.reason(), failed.purpose()));
    }

    private static void refunded(Builder view, ViewEvent event) {
        PaymentRefunded refunded = event.data(PaymentRefunded.class);
        view.refunds.add(new RefundLine(refunded.paymentId(), refunded.amount(), refunded.currency(), refunded.reason(),
                event.time()));
        view.refunds.sort(Comparator.comparing(RefundLine::at));
    }

    private static void texted(Builder view, ViewEvent event) {
        TextSent sent = event.data(TextSent.class);
        view.notifications.add(new Notice(sent.kind(), sent.phoneMasked(), event.time()));
        view.notifications.sort(Comparator.comparing(Notice::at).thenComparing(Notice::kind)
                .thenComparing(Notice::phoneMasked));
    }

    public TripView {
        notifications = List.copyOf(notifications);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
        timeline = List.copyOf(timeline);
        appliedEventIds = List.copyOf(appliedEventIds);
    }

    public static TripView empty(String callId) {
        return new TripView(callId, 0, null, null, 0, null, null, null, null, null, null, null, null, null, null, 0,
                List.of(), List.of(), null, List.of(), null, null, List.of());
    }

    /**
     * This view with the event applied; the same view if it was applied before. A position report
     * is not a trip event (stores of earlier versions kept some): the taxi's position is written
     * straight onto the views that follow it ({@link TripViews#moveTaxi}).
     */
    public TripView apply(ViewEvent event) {
        if (event.type() == EventType.DRIVER_LOCATION_REPORTED
                || Collections.binarySearch(appliedEventIds, event.id()) >= 0) {
            return this;
        }
        Builder view = new Builder(this);
        view.applied(event.id());
        view.timeline.add(new Stage(event.type().type().replace(TYPE_PREFIX, ""), event.time(), event.sequence(),
                event.id(), line(event)));
        view.timeline.sort(CHRONOLOGICAL);
        view.updatedAt = updatedAt == null || event.time().isAfter(updatedAt) ? event.time() : updatedAt;
        statusAfter(event).filter(s -> event.sequence() > statusSequence).ifPresent(s -> {
            view.status = s;
            view.statusSequence = event.sequence();
        });
        CHANGES.getOrDefault(event.type(), (v, e) -> { }).accept(view, event);
        return view.build();
    }

    /** This view with the taxi shown at {@code location}: the live position, which no event rebuilds. */
    TripView at(Position location) {
        Builder view = new Builder(this);
        view.location = location;
        return view.build();
    }

    /** Whether this view shows the taxi's position: the customer waits for it or rides in it. */
    public boolean followsTaxi(String taxiId) {
        return taxi != null && taxi.taxiId().equals(taxiId) && status != null && status.holdsTaxi();
    }

    private static Optional<TripStatus> statusAfter(ViewEvent event) {
        if (event.type() == EventType.PAYMENT_FAILED
                && !ChargeAttempt.Purpose.FARE.name().equals(event.data(PaymentFailed.class).purpose())) {
            return Optional.empty(); // a fee that failed leaves the call cancelled or a no-show
        }
        return TripStatus.after(event.type());
    }

    /** What the event means for the customer: a message of the timeline's bundle and its arguments. */
    private static Message line(ViewEvent event) {
        String key = event.type().type().replace(TYPE_PREFIX, "");
        return switch (event.type()) {
            case CALL_CANCELLED -> withFee(key, event.data(CallCancelled.class).fee());
            case CALL_NOSHOW -> withFee(key, event.data(CallNoShow.class).fee());
            case TAXI_ASSIGNED -> new Message(key, List.of(event.data(TaxiAssigned.class).taxiNumber()));
            case PAYMENT_REFUNDED -> new Message(key, List.of(Long.toString(event.data(PaymentRefunded.class).amount()),
                    event.data(PaymentRefunded.class).currency()));
            case TEXT_SENT -> new Message(key, List.of(event.data(TextSent.class).phoneMasked()));
            case TRIP_ENDED -> new Message(key, List.of(Long.toString(event.data(TripEnded.class).fare().amount()),
                    event.data(TripEnded.class).fare().currency()));
            case PAYMENT_COMPLETED -> new Message(key, List.of(Long.toString(event.data(PaymentCompleted.class).amount()),
                    event.data(PaymentCompleted.class).cardLast4()));
            case PAYMENT_FAILED -> new Message(event.data(PaymentFailed.class).retryable() ? key + ".retryable" : key,
                    List.of());
            case TRIP_REVIEWED -> new Message(key, List.of(Integer.toString(event.data(TripReviewed.class).rating())));
            default -> new Message(key, List.of());
        };
    }

    private static Message withFee(String key, Money fee) {
        return fee == null ? new Message(key, List.of())
                : new Message(key + ".fee", List.of(Long.toString(fee.amount()), fee.currency()));
    }

    /** Copy-on-write editing of the record's components. */
    private static final class Builder {
        private final String callId;
        private final long version;
        private String memberId;
        private TripStatus status;
        private int statusSequence;
        private Place pickup;
        private Place dropoff;
        private Money fareEstimate;
        private Taxi taxi;
        private Position location;
        private Ride ride;
        private Money fare;
        private FareParts fareParts;
        private Money fee;
        private Payment payment;
        private int paymentSequence;
        private final List<Notice> notifications;
        private final List<RefundLine> refunds;
        private Review review;
        private final List<Stage> timeline;
        private Instant requestedAt;
        private Instant updatedAt;
        private final List<String> appliedEventIds;

        Builder(TripView view) {
            callId = view.callId;
            version = view.version;
            memberId = view.memberId;
            status = view.status;
            statusSequence = view.statusSequence;
            pickup = view.pickup;
            dropoff = view.dropoff;
            fareEstimate = view.fareEstimate;
            taxi = view.taxi;
            location = view.location;
            ride = view.ride;
            fare = view.fare;
            fareParts = view.fareParts;
            fee = view.fee;
            payment = view.payment;
            paymentSequence = view.paymentSequence;
            notifications = new ArrayList<>(view.notifications);
            refunds = new ArrayList<>(view.refunds);
            review = view.review;
            timeline = new ArrayList<>(view.timeline);
            requestedAt = view.requestedAt;
            updatedAt = view.updatedAt;
            appliedEventIds = new ArrayList<>(view.appliedEventIds);
        }

        void applied(String eventId) {
            int at = Collections.binarySearch(appliedEventIds, eventId);
            appliedEventIds.add(-at - 1, eventId);
        }

        void payment(int sequence, Payment outcome) {
            if (sequence > paymentSequence) {
                payment = outcome;
                paymentSequence = sequence;
            }
        }

        TripView build() {
            return new TripView(callId, version, memberId, status, statusSequence, pickup, dropoff, fareEstimate, taxi,
                    location, ride, fare, fareParts, fee, payment, paymentSequence, notifications, refunds, review,
                    timeline, requestedAt, updatedAt, appliedEventIds);
        }
    }
}
