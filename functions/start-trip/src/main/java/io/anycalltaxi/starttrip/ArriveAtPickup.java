package io.anycalltaxi.starttrip;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.ArrivedAtPickup;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/**
 * The assigned taxi is at the pickup: the customer is texted (by the answer {@code taxi.arrived})
 * and the no-show wait starts from when the system received it.
 */
@Component
@HandlesEvent(EventType.DRIVER_ARRIVED)
public class ArriveAtPickup implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;

    public ArriveAtPickup(TripTransitions transitions) {
        this.transitions = transitions;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        return transitions.applyFromDriver(event, ArrivedAtPickup.class,
                (arrived, cause) -> trip -> trip.arrive(arrived.taxiId(), transitions.receivedAt(event), cause));
    }
}
