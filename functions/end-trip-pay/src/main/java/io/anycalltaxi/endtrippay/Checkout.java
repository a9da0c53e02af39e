package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.payment.RefundReceipt;
import io.anycalltaxi.core.payment.RefundRequest;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.CheckoutDecision;
import io.anycalltaxi.core.trip.Refund;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.store.Trips;

/**
 * Settles a trip's money: loads it, lets {@link CheckoutDecision} say what is next, and does that
 * (reserve an attempt on the trip, then ask payment; ask again about an unknown outcome; refund a
 * surplus), until nothing can be done now. Each charge attempt is reserved in one conditional write
 * before payment is asked, and its id is payment's idempotency key: two actors settling at once
 * reserve one attempt between them and ask for the same charge. Outcomes are published by the
 * trip's outbox, their event ids derived from the attempt, so whoever records them first, the same
 * events go out.
 */
@Component
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);
    /** A charge, a surplus refund and their reconciliation fit in this many steps. */
    private static final int MAX_STEPS = 6;

    private final Trips trips;
    private final MemberDirectory members;
    private final PaymentClient payment;
    private final TripOutbox outbox;
    private final EventFactory events;
    private final Clock clock;
    private final CheckoutMeters meters;

    public Checkout(Trips trips, MemberDirectory members, PaymentClient payment, TripOutbox outbox,
            EventFactory events, CheckoutMeters meters, Clock clock) {
        this.meters = meters;
        this.trips = trips;
        this.members = members;
        this.payment = payment;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Does what can be done about this trip's money now.
     *
     * @return what is left: settled, or waiting for a card, an operator or an unknown outcome
     * @throws io.anycalltaxi.core.cloudevents.TemporarilyUnavailable while payment cannot be reached
     *         (a reserved attempt stays reserved, and is asked about again next time)
     */
    public CheckoutDecision.Next settle(String callId) {
        CheckoutDecision.Next next = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            Trip trip = trips.find(callId).orElseThrow(() -> new TripNotFound(callId));
            Optional<CardOnFile> card = members.find(trip.memberId()).map(Member::card);
            next = trip.checkout(card.map(CardOnFile::token).orElse(null));
            boolean goOn;
            if (next instanceof CheckoutDecision.Charge due) {
                goOn = card.isPresent() && reserve(trip, due, card.get());
            } else if (next instanceof CheckoutDecision.Reconcile open) {
                goOn = ask(trip, open.attempt());
            } else if (next instanceof CheckoutDecision.RefundSurplus surplus) {
                ChargeAttempt approved = surplus.approved();
                goOn = reserveRefund(trip, approved, new Money(approved.amount().amount()
                        - trip.refundedOn(approved.id()), approved.amount().currency()),
                        "not owed: charged twice, or the trip was voided");
            } else if (next instanceof CheckoutDecision.ReconcileRefund open) {
                goOn = askRefund(trip, open.refund());
            } else {
                goOn = false; // settled, or waiting for a card or an operator
            }
            if (!goOn) {
                return next;
            }
        }
        return next;
    }

    /**
     * An operator gives back (part of) what was paid for this trip.
     *
     * @throws RefundRule.Refused if nothing was paid or the amount is more than is left
     */
    public Trip refund(String callId, Money amount, String reason) {
        Trip trip = trips.find(callId).orElseThrow(() -> new TripNotFound(callId));
        ChargeAttempt paid = RefundRule.check(trip, amount);
        reserveRefund(trip, paid, amount, reason);
        settle(callId);
        return trips.find(callId).orElseThrow();
    }

    /** @return false if another actor reserved first: the next step reads what it did */
    private boolean reserve(Trip trip, CheckoutDecision.Charge due, CardOnFile card) {
        ChargeAttempt attempt = ChargeAttempt.reserve(trip.nextAttemptId(), due.purpose(), due.amount(), card.token(),
                card.last4(), clock.instant());
        try {
            trips.change(trip.callId(), events.cause("reserve-" + attempt.id(), clock.instant()),
                    t -> t.reserve(attempt));
        } catch (TripRefusal reservedMeanwhile) {
            return true;
        }
        ask(trip, attempt);
        return true;
    }

    /** @return whether to go on: not while the outcome is unknown */
    private boolean ask(Trip trip, ChargeAttempt attempt) {
        Answer answer = answer(trip, attempt);
        log.info("call {} {} {} {}: {}", trip.callId(), attempt.purpose(), attempt.id(), attempt.amount().amount(),
                answer.outcome());
        record(trip.callId(), "settle-" + attempt.id() + "-" + answer.outcome(),
                (t, cause) -> t.settle(attempt.id(), answer.outcome(), answer.paymentId(), answer.reason(), cause));
        meters.answered(answer.outcome().name().toLowerCase(Locale.ROOT), attempt.purpose().name().toLowerCase(Locale.ROOT));
        return answer.outcome() != ChargeAttempt.State.UNKNOWN;
    }

    private record Answer(ChargeAttempt.State outcome, String paymentId, String reason) {
    }

    /** What payment says about this attempt, asked with the attempt's own card and amount. */
    private Answer answer(Trip trip, ChargeAttempt attempt) {
        try {
            PaymentReceipt receipt = payment.charge(attempt.id(), new PaymentRequest(trip.callId(), trip.memberId(),
                    attempt.cardToken(), attempt.cardLast4(), attempt.amount()));
            return new Answer(switch (receipt.status()) {
                case APPROVED -> ChargeAttempt.State.APPROVED;
                case DECLINED -> ChargeAttempt.State.DECLINED;
                case PENDING -> ChargeAttempt.State.UNKNOWN;
            }, receipt.paymentId(), receipt.declineReason());
        } catch (PaymentClient.PaymentRefused refused) {
            return new Answer(ChargeAttempt.State.REFUSED, null, refused.getMessage());
        }
    }

    /** Writes an outcome on the trip and publishes what it emitted; the cause, and so the event ids, are the outcome's. */
    private void record(String callId, String causeId, BiFunction<Trip, Cause, Trip> outcome) {
        Cause cause = events.cause(causeId, clock.instant());
        TripChange recorded = trips.changeAndQueue(callId, cause, t -> outcome.apply(t, cause));
        outbox.publish(recorded.trip());
    }

    private boolean reserveRefund(Trip trip, ChargeAttempt approved, Money amount, String reason) {
        Refund refund = new Refund(trip.nextRefundId(), approved.id(), approved.paymentId(), amount, reason,
                Refund.State.PENDING, clock.instant());
        try {
            trips.change(trip.callId(), events.cause("reserve-" + refund.id(), clock.instant()), t -> {
                RefundRule.check(t, approved, amount);
                return t.reserveRefund(refund);
            });
        } catch (TripRefusal reservedMeanwhile) {
            return true;
        }
        return askRefund(trip, refund);
    }

    private boolean askRefund(Trip trip, Refund refund) {
        RefundReceipt receipt = payment.refund(refund.id(), refund.paymentId(),
                new RefundRequest(trip.callId(), refund.amount(), refund.reason()));
        Refund.State outcome = receipt.refunded() ? Refund.State.DONE : Refund.State.REFUSED;
        log.info("call {} refund {} of {} {}: {}", trip.callId(), refund.id(), refund.amount().amount(),
                refund.amount().currency(), receipt.refunded() ? "done" : receipt.reason());
        record(trip.callId(), "refunded-" + refund.id(), (t, cause) -> t.refundSettled(refund.id(), outcome, cause));
        meters.answered(receipt.refunded() ? "refunded" : "refund_refused", "refund");
        return true;
    }
}
