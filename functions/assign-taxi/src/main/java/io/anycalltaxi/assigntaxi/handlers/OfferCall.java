package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.assigntaxi.store.Dispatch;
import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.CallOffered;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * F2: a new call is offered to the nearest available taxis; the answer {@code call.offered} lists
 * them, nearest first. Drivers see their offers at {@code GET /drivers/{taxiId}/offers}.
 */
@Component
@HandlesEvent(EventType.CALL_REQUESTED)
public class OfferCall implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(OfferCall.class);

    private final EventData data;
    private final EventFactory events;
    private final Dispatches dispatches;
    private final Offers offers;
    private final Trips trips;
    private final DispatchPolicy policy;
    private final Clock clock;

    public OfferCall(EventData data, EventFactory events, Dispatches dispatches, Offers offers, Trips trips,
            DispatchPolicy policy, Clock clock) {
        this.data = data;
        this.events = events;
        this.dispatches = dispatches;
        this.offers = offers;
        this.trips = trips;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        CallRequested call = data.read(event, CallRequested.class);
        boolean stillRequested = trips.find(call.callId()).map(trip -> trip.status() == TripStatus.REQUESTED)
                .orElse(false);
        List<String> taxis = stillRequested ? offers.taxisFor(call.pickup(), policy.radiusMeters()) : List.of();
        Dispatch dispatch = dispatches.open(new Dispatch(call.callId(),
                stillRequested ? Dispatch.State.OPEN : Dispatch.State.CLOSED, call.pickup(), call.dropoff(),
                call.fareEstimate(), event.getTime() == null ? clock.instant() : event.getTime().toInstant(), taxis,
                policy.radiusMeters(), 0, null, List.of(), traceparent(event)));
        if (dispatch.state() == Dispatch.State.CLOSED) {
            log.debug("call {} is no longer waiting for a taxi: not offered", call.callId());
            return null;
        }
        log.debug("call {} offered to {} taxi(s) within {} m", call.callId(), dispatch.offeredTaxiIds().size(),
                dispatch.radiusMeters());
        return events.reply(event, EventType.CALL_OFFERED, call.callId(),
                new CallOffered(call.callId(), dispatch.offeredTaxiIds()), clock.instant());
    }

    private static String traceparent(CloudEvent event) {
        Object context = event.getExtension(EventFactory.TRACEPARENT);
        return context == null ? null : context.toString();
    }
}
