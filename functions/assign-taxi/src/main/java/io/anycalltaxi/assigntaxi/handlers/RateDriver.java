package io.anycalltaxi.assigntaxi.handlers;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripReviewed;
import io.cloudevents.CloudEvent;

/** F10: a review counts into the driver's average rating, shown with later assignments and offers. */
@Component
@HandlesEvent(EventType.TRIP_REVIEWED)
public class RateDriver implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Fleet fleet;

    public RateDriver(EventData data, Fleet fleet) {
        this.data = data;
        this.fleet = fleet;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        TripReviewed reviewed = data.read(event, TripReviewed.class);
        fleet.rate(reviewed.taxiId(), reviewed.callId(), reviewed.rating());
        return null;
    }
}
