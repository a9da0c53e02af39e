package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.assigntaxi.store.Dispatch;
import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.assigntaxi.store.Taxi;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Flag;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;
import jakarta.annotation.PostConstruct;

/**
 * On every dispatch tick (PingSource), no call waits forever. Driven by the trips, not by
 * dispatch's records: a REQUESTED call still unassigned after a while is reminded ({@code
 * call.waiting}) and offered again, further out, and one unassigned for too long expires (also if
 * its {@code call.requested} never reached dispatch); an ASSIGNED taxi that stopped reporting is
 * taken off the call, which is dispatched again; a ride past the limit is flagged for operators
 * ({@code trip.overdue}). Bounded per tick; a trip it cannot settle is skipped and reported, and
 * the tick goes on. Every step is a change of the trip with its events in the trip's outbox; their
 * ids derive from the call and the step, so two ticks at once write them once.
 */
@Component
@HandlesEvent(EventType.DISPATCH_TICK)
public class Reconcile implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(Reconcile.class);
    private static final int BATCH = 200;

    private final Trips trips;
    private final Dispatches dispatches;
    private final Offers offers;
    private final Fleet fleet;
    private final Redispatch redispatch;
    private final TripOutbox outbox;
    private final EventFactory events;
    private final DispatchPolicy policy;
    private final Clock clock;
    private final DispatchMeters meters;

    public Reconcile(Trips trips, Dispatches dispatches, Offers offers, Fleet fleet, Redispatch redispatch,
            TripOutbox outbox, EventFactory events, DispatchPolicy policy, DispatchMeters meters, Clock clock) {
        this.meters = meters;
        this.trips = trips;
        this.dispatches = dispatches;
        this.offers = offers;
        this.fleet = fleet;
        this.redispatch = redispatch;
        this.outbox = outbox;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    @PostConstruct
    void indexes() {
        trips.indexes();
    }

    @Override
    public CloudEvent apply(CloudEvent tick) {
        Instant now = clock.instant();
        int skipped = 0;
        for (TripStatus status : TripStatus.active()) {
            for (Trip trip : trips.inStatus(status, BATCH)) {
                try {
                    reconcile(trip, now);
                } catch (RuntimeException cannotNow) {
                    skipped++;
                    log.warn("call {} ({}) skipped until the next tick: {}", trip.callId(), trip.status(),
                            cannotNow.getMessage());
                }
            }
        }
        closeStaleDispatches();
        if (skipped > 0) {
            log.warn("{} trip(s) could not be reconciled on this tick", skipped);
        }
        return null;
    }

    private void reconcile(Trip trip, Instant now) {
        switch (trip.status()) {
            case REQUESTED -> {
                Optional<Dispatch> dispatch = dispatches.find(trip.callId());
                Instant roundStarted = dispatch.map(Dispatch::requestedAt).orElse(trip.requestedAt());
                if (!roundStarted.plus(policy.expireAfter()).isAfter(now)) {
                    expire(trip, now);
                    meters.expired(dispatch.map(d -> d.offeredTaxiIds().size()).orElse(0));
                } else if (dispatch.isPresent() && dispatch.get().state() == Dispatch.State.OPEN
                        && !dispatch.get().lastNoticeAt().plus(policy.remindAfter()).isAfter(now)) {
                    remind(dispatch.get(), now);
                }
            }
            case ASSIGNED -> {
                Taxi taxi = fleet.find(trip.taxi().taxiId()).orElse(null);
                Instant heardOf = taxi == null || taxi.reportedAt() == null ? trip.taxi().assignedAt()
                        : max(taxi.reportedAt(), trip.taxi().assignedAt());
                if (!heardOf.plus(policy.silentAfter()).isAfter(now)) {
                    takeOff(trip, now);
                }
            }
            case STARTED -> {
                if (!trip.isFlagged(Flag.Kind.RIDE_OVERDUE)
                        && !trip.ride().startedAt().plus(policy.rideLimit()).isAfter(now)) {
                    Cause cause = events.cause("overdue-" + trip.callId(), now);
                    outbox.publish(trips.changeAndQueue(trip.callId(), cause, t -> t.overdue(cause)).trip());
                    log.warn("call {}: the ride started at {} and has not ended: flagged for operators",
                            trip.callId(), trip.ride().startedAt());
                }
            }
            default -> {
                // nothing waits on these
            }
        }
    }

    private void expire(Trip trip, Instant now) {
        Cause cause = events.cause("expire-" + trip.callId(), now);
        TripChange expired = trips.changeAndQueue(trip.callId(), cause, t -> t.expire(cause));
        dispatches.close(trip.callId());
        outbox.publish(expired.trip());
        log.info("call {} expired after {}", trip.callId(), policy.expireAfter());
    }

    /** The taxi went silent on its way: the call is someone else's to take. */
    private void takeOff(Trip trip, Instant now) {
        String taxiId = trip.taxi().taxiId();
        Cause cause = events.cause("silent-" + taxiId + "-" + trip.callId(), now);
        TripChange reopened = trips.changeAndQueue(trip.callId(), cause, t -> t.reopen(taxiId, "taxi-silent", cause));
        redispatch.after(reopened.trip(), taxiId);
        outbox.publish(reopened.trip());
        log.warn("call {}: taxi {} has not reported for {}: dispatched again", trip.callId(), taxiId,
                policy.silentAfter());
    }

    private void remind(Dispatch dispatch, Instant now) {
        int reminder = dispatch.reminders() + 1;
        int radius = policy.radiusAfter(reminder);
        List<String> taxis = offers.taxisFor(dispatch.pickup(), radius, dispatch.excludedTaxiIds());
        String callId = dispatch.callId();
        long waiting = Duration.between(dispatch.requestedAt(), now).toSeconds();
        Cause cause = events.cause("reminder-" + reminder + "-" + dispatch.requestedAt().toEpochMilli() + "-" + callId,
                now);
        TripChange reminded = trips.changeAndQueue(callId, cause, t -> t.remind(reminder, waiting, taxis, cause));
        if (dispatches.remind(dispatch, taxis, radius, now)) {
            log.debug("call {} still waiting after {} s: reminder {}, offered to {} taxi(s) within {} m", callId,
                    waiting, reminder, taxis.size(), radius);
        }
        outbox.publish(reminded.trip());
    }

    /** Dispatch records of calls that no longer wait (their closing event was missed). */
    private void closeStaleDispatches() {
        for (Dispatch dispatch : dispatches.openOnes()) {
            boolean waits = trips.find(dispatch.callId()).map(t -> t.status() == TripStatus.REQUESTED).orElse(false);
            if (!waits) {
                dispatches.close(dispatch.callId());
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
