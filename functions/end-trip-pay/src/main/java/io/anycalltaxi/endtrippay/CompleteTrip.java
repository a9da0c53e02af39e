package io.anycalltaxi.endtrippay;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * N1: a paid trip completes, and only a paid one; the promotion it was discounted with is used up.
 * Answers {@code trip.completed}.
 */
@Component
@HandlesEvent(EventType.PAYMENT_COMPLETED)
public class CompleteTrip implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;
    private final Trips trips;
    private final Promotions promotions;

    public CompleteTrip(TripTransitions transitions, Trips trips, Promotions promotions) {
        this.transitions = transitions;
        this.trips = trips;
        this.promotions = promotions;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        CloudEvent completed = transitions.apply(event, PaymentCompleted.class, (paid, cause) -> trip -> trip.complete(cause));
        trips.find(completed.getSubject()).filter(trip -> trip.discount() != null)
                .ifPresent(trip -> promotions.used(trip.discount().code(), trip.callId()));
        return completed;
    }
}
