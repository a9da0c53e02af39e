package io.anycalltaxi.endtrippay;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.cloudevents.CloudEvent;

/** N1: a paid trip completes, and only a paid one. Answers {@code trip.completed}. */
@Component
@HandlesEvent(EventType.PAYMENT_COMPLETED)
public class CompleteTrip implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;

    public CompleteTrip(TripTransitions transitions) {
        this.transitions = transitions;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        return transitions.apply(event, PaymentCompleted.class, (paid, cause) -> trip -> trip.complete(cause));
    }
}
