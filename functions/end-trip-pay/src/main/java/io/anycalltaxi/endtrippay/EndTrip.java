package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.core.fleet.TaxiDirectory;
import io.anycalltaxi.core.fleet.TrackPoint;
import io.anycalltaxi.core.geo.Distance;
import io.anycalltaxi.core.trip.Flag;
import io.anycalltaxi.core.trip.Trip;
import io.cloudevents.CloudEvent;

/**
 * F8: the driver reports the passenger alighted. The ride is measured by the server (see
 * {@link FareCheck}), the meter taken if it is within the band; the tariff gives the fare, the
 * night surcharge by when the ride started, less the trip's promotion. The answer
 * {@code trip.ended} starts the charge.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_ALIGHTED)
public class EndTrip implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;
    private final Fares fares;
    private final TaxiDirectory taxis;
    private final FareCheck.Band band;
    private final Clock clock;

    public EndTrip(TripTransitions transitions, Fares fares, TaxiDirectory taxis, Clock clock,
            @Value("${anycalltaxi.fare.meter-band.tolerance}") double tolerance,
            @Value("${anycalltaxi.fare.meter-band.distance-slack}") long distanceSlackMeters,
            @Value("${anycalltaxi.fare.meter-band.duration-slack}") Duration durationSlack) {
        this.transitions = transitions;
        this.fares = fares;
        this.taxis = taxis;
        this.clock = clock;
        this.band = new FareCheck.Band(tolerance, distanceSlackMeters, durationSlack.toSeconds());
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        Instant received = transitions.receivedAt(event);
        return transitions.applyFromDriver(event, PassengerAlighted.class, (alighted, cause) -> trip -> {
            Instant startedAt = trip.ride() == null ? received : trip.ride().startedAt();
            FareCheck.Checked checked = FareCheck.check(
                    new FareCheck.Measure(alighted.distanceMeters(), alighted.durationSeconds()),
                    server(trip, alighted.taxiId(), startedAt, received), band);
            FareCheck.Measure charged = checked.charged();
            return trip.end(alighted.taxiId(), received, charged.distanceMeters(), charged.durationSeconds(),
                    fares.parts(charged.distanceMeters(), Duration.ofSeconds(charged.durationSeconds()), startedAt,
                            trip.discount()),
                    checked.source(), checked.outsideBand() == null ? null
                            : new Flag(Flag.Kind.METER_OUTSIDE_BAND, checked.outsideBand(), cause.at()),
                    cause);
        });
    }

    private FareCheck.Measure server(Trip trip, String taxiId, Instant startedAt, Instant endedAt) {
        List<TrackPoint> track = taxis.track(taxiId, startedAt, endedAt);
        long meters = 0;
        for (int i = 1; i < track.size(); i++) {
            meters += Math.round(Distance.meters(track.get(i - 1).lat(), track.get(i - 1).lng(), track.get(i).lat(),
                    track.get(i).lng()));
        }
        long distance = track.size() < 2 ? fares.roadMeters(trip.pickup(), trip.dropoff()) : meters;
        return new FareCheck.Measure(distance, Math.max(0, Duration.between(startedAt, endedAt).toSeconds()));
    }
}
