package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripEnded;
import io.cloudevents.CloudEvent;

/**
 * F9, N1: an ended trip is charged, synchronously, before it may complete. Answers
 * {@code payment.completed} or {@code payment.failed}; while payment cannot be reached it answers
 * 503 and the broker redelivers with backoff, the trip waiting in ENDED.
 */
@Component
@HandlesEvent(EventType.TRIP_ENDED)
public class ChargeTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final EventFactory events;
    private final Checkout checkout;
    private final Clock clock;

    public ChargeTrip(EventData data, EventFactory events, Checkout checkout, Clock clock) {
        this.data = data;
        this.events = events;
        this.checkout = checkout;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        TripEnded ended = data.read(event, TripEnded.class);
        return checkout.charge(ended.callId(), events.causeOf(event, clock.instant()))
                .map(charged -> events.of(ended.callId(), charged.event(), event))
                .orElse(null);
    }
}
