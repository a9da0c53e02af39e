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
import io.anycalltaxi.core.trip.Trips;

/**
 * Charges a trip's fare to the member's card on file and records the outcome on the trip. The
 * idempotency key names the call and the attempt: a repeated attempt is never charged twice,
 * while a new card after a decline is a new attempt.
 */
@Component
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final Trips trips;
    private final MemberDirectory members;
    private final PaymentClient payment;

    public Checkout(Trips trips, MemberDirectory members, PaymentClient payment) {
        this.trips = trips;
        this.members = members;
        this.payment = payment;
    }

    /**
     * @return the trip change recording the charge, or empty if the trip was already paid
     * @throws io.anycalltaxi.core.cloudevents.TemporarilyUnavailable while payment cannot be reached
     */
    public Optional<TripChange> charge(String callId, Cause cause) {
        Trip trip = trips.find(callId).orElseThrow(() -> new TripNotFound(callId));
        List<TripEvent> earlier = trip.eventsCausedBy(cause.id());
        if (!earlier.isEmpty()) {
            return Optional.of(new TripChange(trip, earlier, true));
        }
        if (trip.charge() != null && trip.charge().isApproved()) {
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
        return Optional.of(trips.change(callId, cause, t -> receipt.approved()
                ? t.paid(Charge.approved(receipt.paymentId(), receipt.amount(), receipt.currency(), receipt.cardLast4()),
                        cause)
                : t.declined(Charge.declined(receipt.amount(), receipt.currency(), receipt.cardLast4(),
                        receipt.declineReason()), cause)));
    }
}
