package io.anycalltaxi.endtrippay;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.fare.Fares;
import io.cloudevents.CloudEvent;

/**
 * F8: the driver reports the passenger alighted. The trip ends with the fare the tariff gives for
 * the meter's distance and duration (the night surcharge by when the ride started); the answer
 * {@code trip.ended} starts the charge.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_ALIGHTED)
public class EndTrip implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;
    private final Fares fares;

    public EndTrip(TripTransitions transitions, Fares fares) {
        this.transitions = transitions;
        this.fares = fares;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        return transitions.applyFromDriver(event, PassengerAlighted.class, (alighted, cause) -> trip -> {
            Instant startedAt = trip.ride() == null ? cause.at() : trip.ride().startedAt();
            return trip.end(alighted.taxiId(), alighted.distanceMeters(), alighted.durationSeconds(),
                    fares.fare(alighted.distanceMeters(), Duration.ofSeconds(alighted.durationSeconds()), startedAt),
                    cause);
        });
    }
}
