package io.anycalltaxi.projectview;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.projectview.TripView.Position;
import io.cloudevents.CloudEvent;

/** F5: while a customer waits for or rides in a taxi, its live position moves on their view. */
@Component
@HandlesEvent(EventType.DRIVER_LOCATION_REPORTED)
public class FollowTaxi implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final TripViews views;
    private final Clock clock;

    public FollowTaxi(EventData data, TripViews views, Clock clock) {
        this.data = data;
        this.views = views;
        this.clock = clock;
    }

    /** At the time the app measured it (to the millisecond MongoDB keeps), or when it arrived if the app gave none. */
    @Override
    public CloudEvent apply(CloudEvent event) {
        LocationReported report = data.readFromDriver(event, LocationReported.class);
        Instant at = (event.getTime() == null ? clock.instant() : event.getTime().toInstant()).truncatedTo(ChronoUnit.MILLIS);
        views.moveTaxi(report.taxiId(), new Position(report.lat(), report.lng(), at));
        return null;
    }
}
