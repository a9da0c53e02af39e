package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.model.AcceptancePolicy;
import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.assigntaxi.store.Dispatch;
import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.assigntaxi.store.Taxi;
import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.CallAcceptanceRejected;
import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.geo.Distance;
import io.anycalltaxi.core.store.Claims;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * F2: the first valid acceptance wins; {@link AcceptancePolicy} says which are valid. The taxi is claimed and the trip assigned, each by a
 * conditional write; whoever loses either race gets {@code call.acceptance.rejected} with the
 * reason, and a claim that did not win the trip is let go.
 */
@Component
@HandlesEvent(EventType.DRIVER_CALL_ACCEPTED)
public class AcceptCall implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(AcceptCall.class);

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Dispatches dispatches;
    private final Fleet fleet;
    private final DispatchPolicy policy;
    private final Clock clock;
    private final ClaimAge claimAge;
    private final DispatchMeters meters;

    public AcceptCall(EventData data, EventFactory events, Trips trips, Dispatches dispatches, Fleet fleet,
            DispatchPolicy policy, DispatchMeters meters, Clock clock, Claims claims) {
        this.meters = meters;
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.dispatches = dispatches;
        this.fleet = fleet;
        this.policy = policy;
        this.clock = clock;
        this.claimAge = claims.age();
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        CallAccepted accepted = data.readFromDriver(event, CallAccepted.class);
        Cause cause = events.causeOf(event, clock.instant());
        Trip trip = trips.find(accepted.callId()).orElse(null);
        if (trip != null && !trip.eventsCausedBy(cause.id()).isEmpty()) {
            return events.of(trip.callId(), trip.eventsCausedBy(cause.id()).get(0), event);
        }
        Optional<Dispatch> dispatch = dispatches.find(accepted.callId());
        Optional<String> refusal = refusal(trip, dispatch, accepted);
        if (refusal.isPresent()) {
            return reject(event, accepted, refusal.get());
        }
        if (!fleet.claim(accepted.taxiId(), accepted.callId(), cause.at())) {
            return reject(event, accepted, "busy");
        }
        Taxi taxi = fleet.find(accepted.taxiId()).orElseThrow();
        long eta = policy.etaSeconds(Distance.meters(taxi.lat(), taxi.lng(), trip.pickup().lat(), trip.pickup().lng()));
        try {
            TripChange assigned = trips.change(accepted.callId(), cause,
                    t -> t.assign(taxi.taxiId(), taxi.taxiNumber(), taxi.driverName(), taxi.averageRating(), eta, cause));
            dispatches.close(accepted.callId());
            meters.assigned(Duration.between(trip.requestedAt(), cause.at()),
                    dispatch.map(d -> d.offeredTaxiIds().size()).orElse(0));
            log.debug("call {} assigned to taxi {}, eta {} s", accepted.callId(), taxi.taxiId(), eta);
            return events.of(accepted.callId(), assigned.event(), event);
        } catch (TripRefusal lost) {
            fleet.release(accepted.taxiId(), accepted.callId());
            return reject(event, accepted, AcceptancePolicy.reason(lost.status()));
        }
    }

    private Optional<String> refusal(Trip trip, Optional<Dispatch> dispatch, CallAccepted accepted) {
        Optional<Taxi> taxi = fleet.find(accepted.taxiId());
        String busyWith = taxi.map(Taxi::busyWith).orElse(null);
        boolean otherCallHoldsTaxi = busyWith != null && !busyWith.equals(accepted.callId()) && trips.find(busyWith)
                .map(t -> t.hasOnIt(accepted.taxiId())).orElse(false);
        AcceptancePolicy.Acceptance acceptance = new AcceptancePolicy.Acceptance(
                trip == null ? null : trip.status(),
                dispatch.map(d -> d.wasOfferedTo(accepted.taxiId())).orElse(false),
                taxi.isPresent(), taxi.map(Taxi::available).orElse(false), accepted.callId(), busyWith,
                taxi.map(Taxi::busySince).orElse(null), otherCallHoldsTaxi, clock.instant(), claimAge);
        Optional<String> refusal = AcceptancePolicy.refusal(acceptance);
        if (refusal.isEmpty() && AcceptancePolicy.abandoned(acceptance)) {
            log.warn("taxi {} was claimed for call {} but never got it: freeing it", accepted.taxiId(), busyWith);
            fleet.release(accepted.taxiId(), busyWith);
        }
        return refusal;
    }

    private CloudEvent reject(CloudEvent event, CallAccepted accepted, String reason) {
        log.debug("taxi {} cannot take call {}: {}", accepted.taxiId(), accepted.callId(), reason);
        return events.reply(event, EventType.CALL_ACCEPTANCE_REJECTED, accepted.callId(),
                new CallAcceptanceRejected(accepted.callId(), accepted.taxiId(), reason), clock.instant());
    }
}
