package io.anycalltaxi.starttrip;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * F6: the assigned taxi's driver reports the passenger on board, and the trip starts. Answers
 * with {@code trip.started}; boarding before assignment, twice, or by another taxi is refused.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_BOARDED)
public class StartTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Clock clock;

    public StartTrip(EventData data, EventFactory events, Trips trips, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        PassengerBoarded boarded = data.readFromDriver(event, PassengerBoarded.class);
        Cause cause = events.causeOf(event, clock.instant());
        TripChange started = trips.change(boarded.callId(), cause, trip -> trip.start(boarded.taxiId(), cause));
        return events.of(boarded.callId(), started.event(), event);
    }
}
