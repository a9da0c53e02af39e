package io.anycalltaxi.core.cloudevents;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/** A minimal function, to exercise the CloudEvent binding through real HTTP. */
@SpringBootApplication
class BoardingTestApplication {

    @Bean
    @HandlesEvent(EventType.DRIVER_PASSENGER_BOARDED)
    Function<CloudEvent, CloudEvent> board(EventData data, EventFactory events, Trips trips, Clock clock) {
        return event -> {
            PassengerBoarded boarded = data.readFromDriver(event, PassengerBoarded.class);
            var change = trips.change(boarded.callId(), events.causeOf(event, clock.instant()),
                    trip -> trip.start(boarded.taxiId(), events.causeOf(event, clock.instant())));
            return events.of(boarded.callId(), change.event(), event);
        };
    }

    @Bean
    @HandlesEvent(EventType.DRIVER_LOCATION_REPORTED)
    Function<CloudEvent, CloudEvent> locate(EventData data) {
        return event -> {
            data.readFromDriver(event, LocationReported.class);
            return null;
        };
    }
}
