package io.anycalltaxi.assigntaxi.handlers;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.CallGivenBack;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * The assigned taxi's driver gives the call back before the passenger boarded: the call waits for
 * a taxi again, offered to the others nearby; this taxi is free. Answers {@code call.reopened}
 * (the customer is texted); by another taxi, or once boarded, it is refused.
 */
@Component
@HandlesEvent(EventType.DRIVER_CALL_CANCELLED)
public class GiveBack implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final TripTransitions transitions;
    private final Trips trips;
    private final Redispatch redispatch;

    public GiveBack(EventData data, TripTransitions transitions, Trips trips, Redispatch redispatch) {
        this.data = data;
        this.transitions = transitions;
        this.trips = trips;
        this.redispatch = redispatch;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        CallGivenBack givenBack = data.readFromDriver(event, CallGivenBack.class);
        CloudEvent reopened = transitions.applyFromDriver(event, CallGivenBack.class, (back, cause) -> trip -> trip
                .reopen(back.taxiId(), "given-back: " + (back.reason() == null ? "" : back.reason()), cause));
        trips.find(givenBack.callId()).ifPresent(trip -> redispatch.after(trip, givenBack.taxiId()));
        return reopened;
    }
}
