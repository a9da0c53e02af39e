package io.anycalltaxi.endtrippay;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Charge;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripEvent;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripOutbox;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.Trips;

/**
 * Charges a trip's fare to the member's card on file and records the outcome on the trip
 * ({@code payment.completed} or {@code payment.failed}). The idempotency key names the call and the
 * attempt: whoever asks for the same attempt (a redelivered {@code trip.ended}, the periodic sweep,
 * both at once) gets the one charge, while a new card after a decline is a new attempt.
 */
@Component
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final Trips trips;
    private final MemberDirectory members;
    private final PaymentClient payment;
    private final TripOutbox outbox;

    public Checkout(Trips trips, MemberDirectory members, PaymentClient payment, TripOutbox outbox) {
        this.trips = trips;
        this.members = members;
        this.payment = payment;
        this.outbox = outbox;
    }

    /**
     * Charges and answers with the outcome, for the caller to reply with.
     *
     * @return the change recording the charge, or empty if the trip was paid already
     * @throws io.anycalltaxi.core.cloudevents.TemporarilyUnavailable while payment cannot be reached
     */
    public Optional<TripChange> charge(String callId, Cause cause) {
        return charge(callId, cause, false);
    }

    /** Charges and publishes the outcome itself (for a retry that no event is waiting on). */
    public Optional<TripChange> chargeAndPublish(String callId, Cause cause) {
        Optional<TripChange> charged = charge(callId, cause, true);
        charged.ifPresent(change -> outbox.publish(change.trip()));
        return charged;
    }

    private Optional<TripChange> charge(String callId, Cause cause, boolean publish) {
        Trip trip = trips.find(callId).orElseThrow(() -> new TripNotFound(callId));
        List<TripEvent> earlier = trip.eventsCausedBy(cause.id());
        if (!earlier.isEmpty()) {
            return Optional.of(new TripChange(trip, earlier, true));
        }
        if (isPaid(trip)) {
            log.info("call {} is paid already", callId);
            return Optional.empty();
        }
        CardOnFile card = members.find(trip.memberId())
                .orElseThrow(() -> new InvalidEvent("member " + trip.memberId() + " of call " + callId + " is unknown"))
                .card();
        String idempotencyKey = callId + "#" + trip.chargeAttempt();
        PaymentReceipt receipt = payment.charge(idempotencyKey,
                new PaymentRequest(callId, trip.memberId(), card.token(), card.last4(), trip.fare()));
        log.info("call {} charge {}: {} {} {}", callId, idempotencyKey, receipt.status(), receipt.amount(),
                receipt.currency());
        Charge outcome = receipt.approved()
                ? Charge.approved(receipt.paymentId(), receipt.amount(), receipt.currency(), card.token(),
                        receipt.cardLast4())
                : Charge.declined(receipt.amount(), receipt.currency(), card.token(), receipt.cardLast4(),
                        receipt.declineReason());
        try {
            return Optional.of(publish
                    ? trips.changeAndQueue(callId, cause, t -> record(t, outcome, cause))
                    : trips.change(callId, cause, t -> record(t, outcome, cause)));
        } catch (TripRefusal refused) {
            if (isPaid(trips.find(callId).orElseThrow())) {
                log.info("call {} was paid meanwhile by another attempt", callId);
                return Optional.empty();
            }
            throw refused;
        }
    }

    private static Trip record(Trip trip, Charge outcome, Cause cause) {
        return outcome.isApproved() ? trip.paid(outcome, cause) : trip.declined(outcome, cause);
    }

    private static boolean isPaid(Trip trip) {
        return trip.charge() != null && trip.charge().isApproved();
    }
}
