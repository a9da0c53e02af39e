package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * F8: the driver reports the passenger alighted. The trip ends with the fare the tariff gives for
 * the meter's distance and duration; the answer {@code trip.ended} starts the charge.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_ALIGHTED)
public class EndTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Fares fares;
    private final Clock clock;

    public EndTrip(EventData data, EventFactory events, Trips trips, Fares fares, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.fares = fares;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        PassengerAlighted alighted = data.readFromDriver(event, PassengerAlighted.class);
        Cause cause = events.causeOf(event, clock.instant());
        TripChange ended = trips.change(alighted.callId(), cause, trip -> trip.end(alighted.taxiId(),
                alighted.distanceMeters(), alighted.durationSeconds(), fare(trip, alighted, cause), cause));
        return events.of(alighted.callId(), ended.event(), event);
    }

    /** The night surcharge depends on when the ride started. */
    private Money fare(Trip trip, PassengerAlighted alighted, Cause cause) {
        var startedAt = trip.ride() == null ? cause.at() : trip.ride().startedAt();
        return fares.fare(alighted.distanceMeters(), Duration.ofSeconds(alighted.durationSeconds()), startedAt);
    }
}
