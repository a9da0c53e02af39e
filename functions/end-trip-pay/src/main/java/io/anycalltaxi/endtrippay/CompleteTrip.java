package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/** N1: a paid trip completes, and only a paid one. Answers {@code trip.completed}. */
@Component
@HandlesEvent(EventType.PAYMENT_COMPLETED)
public class CompleteTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Clock clock;

    public CompleteTrip(EventData data, EventFactory events, Trips trips, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        PaymentCompleted paid = data.read(event, PaymentCompleted.class);
        Cause cause = events.causeOf(event, clock.instant());
        TripChange completed = trips.change(paid.callId(), cause, trip -> trip.complete(cause));
        return events.of(paid.callId(), completed.event(), event);
    }
}
