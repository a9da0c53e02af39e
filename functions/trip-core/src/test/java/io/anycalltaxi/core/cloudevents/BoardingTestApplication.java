package io.anycalltaxi.core.cloudevents;

import java.util.function.Function;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.cloudevents.CloudEvent;

/** A minimal function, to exercise the CloudEvent binding through real HTTP. */
@SpringBootApplication
class BoardingTestApplication {

    @Bean
    @HandlesEvent(EventType.DRIVER_PASSENGER_BOARDED)
    Function<CloudEvent, CloudEvent> board(TripTransitions transitions) {
        return event -> transitions.applyFromDriver(event, PassengerBoarded.class,
                (boarded, cause) -> trip -> trip.start(boarded.taxiId(), cause.at(), cause));
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
