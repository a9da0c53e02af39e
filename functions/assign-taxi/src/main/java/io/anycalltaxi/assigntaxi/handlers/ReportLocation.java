package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.cloudevents.CloudEvent;

/** Drivers of the fleet's taxis report where they are and whether they take calls, every few seconds. */
@Component
@HandlesEvent(EventType.DRIVER_LOCATION_REPORTED)
public class ReportLocation implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Fleet fleet;
    private final Clock clock;

    public ReportLocation(EventData data, Fleet fleet, Clock clock) {
        this.data = data;
        this.fleet = fleet;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        LocationReported report = data.readFromDriver(event, LocationReported.class);
        Instant at = event.getTime() == null ? clock.instant() : event.getTime().toInstant();
        if (!fleet.report(report, at)) {
            throw new InvalidEvent("taxi " + report.taxiId() + " is not in the fleet: an operator onboards it first");
        }
        return null;
    }
}
