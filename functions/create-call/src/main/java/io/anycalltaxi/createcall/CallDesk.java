package io.anycalltaxi.createcall;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import io.anycalltaxi.core.trip.TripOutbox;
import io.anycalltaxi.core.trip.Trips;
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
    private final Clock clock;

    CallDesk(MemberDirectory members, ActiveCalls activeCalls, Promotions promotions, Fares fares, Trips trips,
            TripOutbox outbox, EventFactory events, Clock clock) {
        this.members = members;
        this.activeCalls = activeCalls;
        this.promotions = promotions;
        this.fares = fares;
        this.trips = trips;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    Trip call(CallForm form) {
        if (members.find(form.memberId()).isEmpty()) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "Unknown member", "No member " + form.memberId());
        }
        String callId = UUID.randomUUID().toString();
        CallContext.ofCall(callId);
        activeCalls.claim(form.memberId(), callId).ifPresent(active -> {
            throw new RequestRefused(HttpStatus.CONFLICT, "Call in progress",
                    "member " + form.memberId() + " already has an active call " + active);
        });
        Instant now = clock.instant();
        Discount discount = promotions.take(form.memberId(), callId)
                .map(promotion -> new Discount(promotion.code(), promotion.discountPercent())).orElse(null);
        Money estimate = fares.estimate(form.pickup(), form.dropoff(), now);
        Trip requested = trips.createAndQueue(Trip.request(callId, form.memberId(), form.pickup(), form.dropoff(),
                discount == null ? estimate : discount.applyTo(estimate), discount, events.cause("call-" + callId, now)));
        log.info("call {} requested by member {}, estimate {} {}", callId, form.memberId(),
                requested.fareEstimate().amount(), requested.fareEstimate().currency());
        outbox.publish(requested);
        return requested;
    }

    /** Cancelling twice is harmless: the second request replays the first. */
    Trip cancel(String callId) {
        CallContext.ofCall(callId);
        Cause cause = events.cause("cancel-" + callId, clock.instant());
        TripChange cancelled = trips.changeAndQueue(callId, cause, trip -> trip.cancel("cancelled by the customer",
                cause));
        if (!cancelled.replayed()) {
            log.info("call {} cancelled", callId);
        }
        outbox.publish(cancelled.trip());
        return cancelled.trip();
    }
}
