package io.anycalltaxi.usageinsights;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripReviewed;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/** F11: a member's reviews count into their usage pattern (how many, how they rate). */
@Component
@HandlesEvent(EventType.TRIP_REVIEWED)
public class RecordReview implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Trips trips;
    private final Insights insights;

    public RecordReview(EventData data, Trips trips, Insights insights) {
        this.data = data;
        this.trips = trips;
        this.insights = insights;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        TripReviewed reviewed = data.read(event, TripReviewed.class);
        Trip trip = trips.find(reviewed.callId()).orElseThrow(() -> new TripNotFound(reviewed.callId()));
        insights.change(trip.memberId(), member -> member.withReview(reviewed.callId(), reviewed.rating()));
        return null;
    }
}
