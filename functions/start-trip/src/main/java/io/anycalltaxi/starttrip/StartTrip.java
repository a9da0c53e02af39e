package io.anycalltaxi.starttrip;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.cloudevents.CloudEvent;

/**
 * F6: the assigned taxi's driver reports the passenger on board, and the trip starts when the
 * system received that (the ride's fare is measured from then). Answers
 * with {@code trip.started}; boarding before assignment, twice, or by another taxi is refused.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_BOARDED)
public class StartTrip implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;

    public StartTrip(TripTransitions transitions) {
        this.transitions = transitions;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        return transitions.applyFromDriver(event, PassengerBoarded.class,
                (boarded, cause) -> trip -> trip.start(boarded.taxiId(), transitions.receivedAt(event), cause));
    }
}
