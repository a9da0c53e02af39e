package io.anycalltaxi.assigntaxi.handlers;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * The taxi's part is over: the passenger alighted (whether or not the card has been charged yet: a
 * payment problem is between the member and us, not the driver), did not show, or an operator
 * voided the ride. The taxi takes calls again.
 */
@Component
@HandlesEvent({ EventType.TRIP_ENDED, EventType.CALL_NOSHOW, EventType.TRIP_VOIDED })
public class FreeTaxi implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Trips trips;
    private final Fleet fleet;

    public FreeTaxi(EventData data, Trips trips, Fleet fleet) {
        this.data = data;
        this.trips = trips;
        this.fleet = fleet;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        String callId = data.readAboutCall(event).callId();
        trips.find(callId).filter(trip -> trip.taxi() != null)
                .ifPresent(trip -> fleet.release(trip.taxi().taxiId(), callId));
        return null;
    }
}
