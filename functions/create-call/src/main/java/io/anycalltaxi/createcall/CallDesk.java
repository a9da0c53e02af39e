package io.anycalltaxi.createcall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.PostConstruct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Discount;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.store.Trips;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;

/**
 * Takes calls (F1) and cancellations (F3). A call takes the member's best promotion, if any (F11),
 * and shows the discounted estimate. A call is stored with its {@code call.requested} in
 * the trip's outbox, then published: if the broker is down the call still stands and the relay
 * publishes it later.
 */
@Service
class CallDesk {

    private static final Logger log = LoggerFactory.getLogger(CallDesk.class);

    private final MemberDirectory members;
    private final ActiveCalls activeCalls;
    private final Promotions promotions;
    private final Fares fares;
    private final Trips trips;
    private final TripOutbox outbox;
    private final EventFactory events;
    private final SurgeProtection protection;
    private final Clock clock;
    private final CancellationFee.Policy cancellation;
    private final CallMeters meters;

    CallDesk(MemberDirectory members, ActiveCalls activeCalls, Promotions promotions, Fares fares, Trips trips,
            TripOutbox outbox, EventFactory events, SurgeProtection protection, CallMeters meters, Clock clock,
            @Value("${anycalltaxi.fees.cancel-grace}") Duration grace, @Value("${anycalltaxi.fees.cancel-fee}") long fee,
            @Value("${anycalltaxi.fees.currency}") String currency) {
        this.cancellation = new CancellationFee.Policy(grace, new Money(fee, currency));
        this.members = members;
        this.activeCalls = activeCalls;
        this.promotions = promotions;
        this.fares = fares;
        this.trips = trips;
        this.outbox = outbox;
        this.events = events;
        this.protection = protection;
        this.meters = meters;
        this.clock = clock;
    }

    /** Every call reads the member's promotions. */
    @PostConstruct
    void indexes() {
        promotions.indexes();
    }

    /** Refused calls (429, 503, 404, 409) leave nothing behind: what was claimed is let go. */
    Trip call(String memberId, CallForm form) {
        try {
            Trip requested = protection.admit(() -> take(memberId, form));
            meters.requested();
            return requested;
        } catch (RequestRefused refused) {
            meters.refused(refused);
            throw refused;
        }
    }

    private Trip take(String memberId, CallForm form) {
        protection.requireBroker();
        if (protection.store(() -> members.find(memberId)).isEmpty()) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "Unknown member", "No member " + memberId);
        }
        String callId = UUID.randomUUID().toString();
        CallContext.ofCall(callId);
        protection.store(() -> activeCalls.claim(memberId, callId)).ifPresent(active -> {
            throw new RequestRefused(HttpStatus.CONFLICT, "Call in progress",
                    "member " + memberId + " already has an active call " + active);
        });
        Discount discount = null;
        Trip requested;
        try {
            Instant now = clock.instant();
            discount = protection.store(() -> promotions.take(memberId, callId))
                    .map(promotion -> new Discount(promotion.code(), promotion.discountPercent())).orElse(null);
            Money estimate = fares.estimate(form.pickup(), form.dropoff(), now);
            Trip call = Trip.request(callId, memberId, form.pickup(), form.dropoff(),
                    discount == null ? estimate : discount.applyTo(estimate), discount, events.cause("call-" + callId, now));
            requested = protection.store(() -> trips.createAndQueue(call));
        } catch (RuntimeException failed) {
            letGo(memberId, callId, discount);
            throw failed;
        }
        log.debug("call {} requested by member {}, estimate {} {}", callId, memberId,
                requested.fareEstimate().amount(), requested.fareEstimate().currency());
        protection.publish(() -> outbox.publish(requested));
        return requested;
    }

    /** Best effort: if MongoDB is down, the claim is found stale later anyway (see ActiveCalls). */
    private void letGo(String memberId, String callId, Discount discount) {
        try {
            activeCalls.release(memberId, callId);
            if (discount != null) {
                promotions.release(discount.code(), callId);
            }
        } catch (RuntimeException alsoFailing) {
            log.warn("call {} was not made; its claims will be found stale: {}", callId, alsoFailing.getMessage());
        }
    }

    /** What cancelling the call would cost now, asked before the customer confirms; another member's call is unknown. */
    CancellationQuote quoteCancellation(String callId, String memberId) {
        CallContext.ofCall(callId);
        Trip trip = trips.find(callId).filter(t -> t.memberId().equals(memberId))
                .orElseThrow(() -> new TripNotFound(callId));
        return CancellationQuote.of(trip, clock.instant(), cancellation);
    }

    /**
     * Cancelling twice is harmless: the second request replays the first. Another member's call is
     * unknown to this one (404), so call ids cannot be probed. While the taxi is on its way the call
     * may still be cancelled, with a fee after the grace period ({@link CancellationFee}); once the
     * passenger boarded it is refused (409).
     */
    Trip cancel(String callId, String memberId) {
        CallContext.ofCall(callId);
        Cause cause = events.cause("cancel-" + callId, clock.instant());
        // before the change, whose replay of an earlier cancel would otherwise answer anyone
        trips.find(callId).filter(trip -> trip.memberId().equals(memberId)).orElseThrow(() -> new TripNotFound(callId));
        TripChange cancelled = trips.changeAndQueue(callId, cause, trip -> trip.cancel("cancelled by the customer",
                CancellationQuote.of(trip, cause.at(), cancellation).feeNow(), cause));
        if (!cancelled.replayed()) {
            log.debug("call {} cancelled", callId);
        }
        outbox.publish(cancelled.trip());
        return cancelled.trip();
    }
}
