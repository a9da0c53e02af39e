package io.anycalltaxi.core.fare;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The taxi tariff, from configuration (a ConfigMap in production). Amounts in whole won.
 *
 * @param baseFare             charged for the first {@code baseDistanceMeters}
 * @param perKm                for every kilometre beyond the base distance
 * @param perMinute            for every minute of the ride
 * @param nightSurchargePercent added to rides that start in the night window
 * @param roadFactor           road distance over straight-line distance, for estimates
 * @param averageSpeedKmh      for estimating a ride's duration
 */
@ConfigurationProperties("anycalltaxi.tariff")
public record Tariff(
        @DefaultValue("KRW") String currency,
        @DefaultValue("4800") long baseFare,
        @DefaultValue("1600") long baseDistanceMeters,
        @DefaultValue("760") long perKm,
        @DefaultValue("120") long perMinute,
        @DefaultValue("20") int nightSurchargePercent,
        @DefaultValue("22:00") LocalTime nightStarts,
        @DefaultValue("04:00") LocalTime nightEnds,
        @DefaultValue("Asia/Seoul") ZoneId zone,
        @DefaultValue("1.3") double roadFactor,
        @DefaultValue("25") double averageSpeedKmh,
        @DefaultValue("100") long roundTo) {

    boolean isNight(LocalTime time) {
        return nightStarts.isAfter(nightEnds)
                ? !time.isBefore(nightStarts) || time.isBefore(nightEnds)
                : !time.isBefore(nightStarts) && time.isBefore(nightEnds);
    }

    Duration estimatedDuration(double meters) {
        return Duration.ofSeconds(Math.round(meters / (averageSpeedKmh * 1000 / 3600)));
    }
}
