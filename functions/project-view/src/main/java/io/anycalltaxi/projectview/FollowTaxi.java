package io.anycalltaxi.projectview;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.cloudevents.CloudEvent;

/** F5: while a customer waits for or rides in a taxi, its live position moves on their view. */
@Component
@HandlesEvent(EventType.DRIVER_LOCATION_REPORTED)
public class FollowTaxi implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final TripViews views;

    public FollowTaxi(EventData data, TripViews views) {
        this.data = data;
        this.views = views;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        LocationReported report = data.readFromDriver(event, LocationReported.class);
        for (String callId : views.following(report.taxiId())) {
            views.record(ViewEvent.position(callId, event));
        }
        return null;
    }
}
