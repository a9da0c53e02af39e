package io.anycalltaxi.assigntaxi;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * The passenger has alighted: the taxi takes calls again, whether or not the card has been
 * charged yet (a payment problem is between the member and us, not the driver).
 */
@Component
@HandlesEvent(EventType.TRIP_ENDED)
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
        String callId = data.read(event, TripEnded.class).callId();
        trips.find(callId).filter(trip -> trip.taxi() != null)
                .ifPresent(trip -> fleet.release(trip.taxi().taxiId(), callId));
        return null;
    }
}
