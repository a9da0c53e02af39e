package io.anycalltaxi.projectview;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/** N3: every stage of a call lands in the customer's view. Nothing to answer. */
@Component
@HandlesEvent({ EventType.CALL_REQUESTED, EventType.CALL_CANCELLED, EventType.CALL_OFFERED, EventType.CALL_WAITING,
        EventType.CALL_EXPIRED, EventType.TAXI_ASSIGNED, EventType.CALL_REOPENED, EventType.TAXI_ARRIVED,
        EventType.CALL_NOSHOW, EventType.TRIP_STARTED, EventType.TRIP_OVERDUE, EventType.TRIP_VOIDED,
        EventType.TRIP_ENDED, EventType.PAYMENT_COMPLETED, EventType.PAYMENT_FAILED, EventType.PAYMENT_REFUNDED,
        EventType.TRIP_COMPLETED, EventType.TEXT_SENT, EventType.TRIP_REVIEWED })
public class UpdateTripView implements Function<CloudEvent, CloudEvent> {

    private final TripViews views;

    public UpdateTripView(TripViews views) {
        this.views = views;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        views.record(ViewEvent.of(event));
        return null;
    }
}
