package io.anycalltaxi.assigntaxi.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dispatch behaves, from configuration.
 *
 * @param radiusMeters       taxis within this distance of the pickup are offered a new call
 * @param radiusGrowthMeters each reminder widens the radius by this much
 * @param maxRadiusMeters    ... up to this
 * @param maxOffers          the nearest this many taxis are offered a call
 * @param staleAfter         a taxi that has not reported for this long is not offered calls
 * @param remindAfter        a call still unassigned this long after the call (or the last
 *                           reminder) gets a reminder and is offered again
 * @param expireAfter        a call still unassigned this long after it was made expires
 * @param averageSpeedKmh    for the ETA of an assigned taxi
 * @param silentAfter        an assigned taxi that has not reported for this long is taken off the
 *                           call, which is dispatched again
 * @param rideLimit          a ride still going this long after boarding is flagged for operators
 */
@ConfigurationProperties("anycalltaxi.dispatch")
public record DispatchPolicy(
        @DefaultValue("3000") int radiusMeters,
        @DefaultValue("2000") int radiusGrowthMeters,
        @DefaultValue("10000") int maxRadiusMeters,
        @DefaultValue("10") int maxOffers,
        @DefaultValue("60s") Duration staleAfter,
        @DefaultValue("60s") Duration remindAfter,
        @DefaultValue("10m") Duration expireAfter,
        @DefaultValue("30") double averageSpeedKmh,
        @DefaultValue("2m") Duration silentAfter,
        @DefaultValue("3h") Duration rideLimit) {

    public int radiusAfter(int reminders) {
        return Math.min(maxRadiusMeters, radiusMeters + reminders * radiusGrowthMeters);
    }

    public long etaSeconds(double meters) {
        return Math.round(meters / (averageSpeedKmh * 1000 / 3600));
    }
}
