package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.assigntaxi.store.Dispatch;
import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * After a taxi left a call before boarding (given back, or gone silent): that taxi is free, and the
 * call is offered again to the taxis nearby, never to that one. Idempotent, so that a redelivery or
 * a retry after a crash between the trip's change and this finishes the job.
 */
@Component
public class Redispatch {

    private static final Logger log = LoggerFactory.getLogger(Redispatch.class);

    private final Fleet fleet;
    private final Dispatches dispatches;
    private final Offers offers;
    private final DispatchPolicy policy;
    private final Clock clock;

    Redispatch(Fleet fleet, Dispatches dispatches, Offers offers, DispatchPolicy policy, Clock clock) {
        this.fleet = fleet;
        this.dispatches = dispatches;
        this.offers = offers;
        this.policy = policy;
        this.clock = clock;
    }

    public void after(Trip reopened, String leftBy) {
        fleet.release(leftBy, reopened.callId());
        if (reopened.status() != TripStatus.REQUESTED) {
            return; // assigned again, or over, since
        }
        Optional<Dispatch> before = dispatches.find(reopened.callId());
        Set<String> leftIt = new LinkedHashSet<>(before.map(Dispatch::excludedTaxiIds).orElse(List.of()));
        leftIt.add(leftBy);
        List<String> excluded = List.copyOf(leftIt);
        List<String> taxis = offers.taxisFor(reopened.pickup(), policy.radiusMeters(), excluded);
        dispatches.reopen(new Dispatch(reopened.callId(), Dispatch.State.OPEN, reopened.pickup(), reopened.dropoff(),
                reopened.fareEstimate(), clock.instant(), taxis, policy.radiusMeters(), 0, null, excluded,
                before.map(Dispatch::traceparent).orElse(null)));
        log.info("call {} left by taxi {}: offered again to {} taxi(s)", reopened.callId(), leftBy, taxis.size());
    }
}
