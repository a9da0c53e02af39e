package io.anycalltaxi.usageinsights;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The promotions a member earns with a ride (F11), from configuration.
 *
 * @param everyNthRide every this many completed rides, the next ride is discounted
 * @param welcomeBack  the first ride after this long without one discounts the next ride
 * @param zone         where "hour of day" and "weekday" are counted
 */
@ConfigurationProperties("anycalltaxi.promotions")
public record PromotionRules(
        @DefaultValue EveryNthRide everyNthRide,
        @DefaultValue WelcomeBack welcomeBack,
        @DefaultValue("Asia/Seoul") ZoneId zone) {

    public record EveryNthRide(@DefaultValue("5") int every, @DefaultValue("10") int percent) {
    }

    public record WelcomeBack(@DefaultValue("30d") Duration after, @DefaultValue("20") int percent) {
    }

    /** The promotion earned by a member's ride number {@code ride}, the best if several rules apply. */
    public Optional<Earned> earnedBy(int ride, Instant rideAt, Instant previousRideAt) {
        Optional<Earned> nth = ride % everyNthRide.every() == 0
                ? Optional.of(new Earned(everyNthRide.percent(), "ride " + ride)) : Optional.empty();
        Optional<Earned> back = previousRideAt != null && !rideAt.isBefore(previousRideAt.plus(welcomeBack.after()))
                ? Optional.of(new Earned(welcomeBack.percent(), "welcome back")) : Optional.empty();
        return Stream.of(nth, back).flatMap(Optional::stream).max(Comparator.comparingInt(Earned::percent));
    }

    public record Earned(int percent, String reason) {
    }
}
