package io.anycalltaxi.core.fare;

import java.time.Duration;
import java.time.Instant;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.geo.Distance;
import io.anycalltaxi.core.trip.Discount;

/** Fares by the {@link Tariff}: an estimate when a call is made, the final fare from the meter. */
public class Fares {

    private final Tariff tariff;

    public Fares(Tariff tariff) {
        this.tariff = tariff;
    }

    /** From the straight-line distance times the road factor, at the average speed. */
    public Money estimate(Place pickup, Place dropoff, Instant at) {
        long roadMeters = roadMeters(pickup, dropoff);
        return fare(roadMeters, tariff.estimatedDuration(roadMeters), at);
    }

    /** The straight-line distance times the road factor: a ride's length when nothing better is known. */
    public long roadMeters(Place pickup, Place dropoff) {
        return Math.round(Distance.meters(pickup, dropoff) * tariff.roadFactor());
    }

    /** From the distance and duration the ride is charged for; the night window counts at the start. */
    public Money fare(long distanceMeters, Duration duration, Instant startedAt) {
        return parts(distanceMeters, duration, startedAt, null).totalMoney();
    }

    /**
     * The fare's parts: the tariff's base, distance, time and night surcharge, rounded to its unit,
     * then the promotion (rounded down in the member's favour by {@link Discount}).
     */
    public FareParts parts(long distanceMeters, Duration duration, Instant startedAt, Discount discount) {
        long beyondBase = Math.max(0, distanceMeters - tariff.baseDistanceMeters());
        long base = tariff.baseFare();
        long distance = Math.round(beyondBase / 1000.0 * tariff.perKm());
        long time = Math.round(duration.toSeconds() / 60.0 * tariff.perMinute());
        long night = tariff.isNight(startedAt.atZone(tariff.zone()).toLocalTime())
                ? Math.round((base + distance + time) * tariff.nightSurchargePercent() / 100.0) : 0;
        long metered = base + distance + time + night;
        long rounded = Math.round((double) metered / tariff.roundTo()) * tariff.roundTo();
        long promotion = discount == null ? 0
                : discount.applyTo(new Money(rounded, tariff.currency())).amount() - rounded;
        return new FareParts(base, distance, time, night, rounded - metered, promotion, 0, rounded + promotion,
                tariff.currency());
    }
}
