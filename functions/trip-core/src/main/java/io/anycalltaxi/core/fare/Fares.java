package io.anycalltaxi.core.fare;

import java.time.Duration;
import java.time.Instant;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.geo.Distance;

/** Fares by the {@link Tariff}: an estimate when a call is made, the final fare from the meter. */
public class Fares {

    private final Tariff tariff;

    public Fares(Tariff tariff) {
        this.tariff = tariff;
    }

    /** From the straight-line distance times the road factor, at the average speed. */
    public Money estimate(Place pickup, Place dropoff, Instant at) {
        double roadMeters = Distance.meters(pickup, dropoff) * tariff.roadFactor();
        return fare(Math.round(roadMeters), tariff.estimatedDuration(roadMeters), at);
    }

    /** From the distance and duration the taxi's meter measured; the night window counts at the start. */
    public Money fare(long distanceMeters, Duration duration, Instant startedAt) {
        long beyondBase = Math.max(0, distanceMeters - tariff.baseDistanceMeters());
        long amount = tariff.baseFare()
                + Math.round(beyondBase / 1000.0 * tariff.perKm())
                + Math.round(duration.toSeconds() / 60.0 * tariff.perMinute());
        if (tariff.isNight(startedAt.atZone(tariff.zone()).toLocalTime())) {
            amount += Math.round(amount * tariff.nightSurchargePercent() / 100.0);
        }
        long rounded = Math.round((double) amount / tariff.roundTo()) * tariff.roundTo();
        return new Money(rounded, tariff.currency());
    }
}
