package io.anycalltaxi.usageinsights;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PromotionGranted;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.promotion.Promotion;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * F11: a completed trip counts into its member's usage pattern, and may earn a promotion, which is
 * granted (answering {@code promotion.granted}). The decision rests only on what is stored, so a
 * redelivery answers the same even if the first delivery stopped half-way.
 */
@Component
@HandlesEvent(EventType.TRIP_COMPLETED)
public class RecordRide implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(RecordRide.class);

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Insights insights;
    private final Promotions promotions;
    private final PromotionRules rules;
    private final Clock clock;

    public RecordRide(EventData data, EventFactory events, Trips trips, Insights insights, Promotions promotions,
            PromotionRules rules, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.insights = insights;
        this.promotions = promotions;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        String callId = data.read(event, TripCompleted.class).callId();
        Trip trip = trips.find(callId).orElseThrow(() -> new TripNotFound(callId));
        MemberInsights counted = insights.change(trip.memberId(), member -> member.withRide(callId, trip.fare(),
                trip.pickup(), trip.dropoff(), trip.ride().startedAt(), rules.zone()));
        int ride = counted.rideNumberOf(callId).orElseThrow();
        return rules.earnedBy(ride, trip.ride().startedAt(), counted.rideTimeBefore(ride))
                .map(earned -> grant(event, trip, earned))
                .orElse(null);
    }

    private CloudEvent grant(CloudEvent event, Trip trip, PromotionRules.Earned earned) {
        String code = "P-" + UUID.nameUUIDFromBytes(trip.callId().getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 8).toUpperCase(Locale.ROOT);
        if (promotions.grant(new Promotion(code, trip.memberId(), earned.percent(), earned.reason(),
                Promotion.State.GRANTED, null, clock.instant()))) {
            log.info("member {} earned {}% off ({}): {}", trip.memberId(), earned.percent(), earned.reason(), code);
        }
        return events.reply(event, EventType.PROMOTION_GRANTED, trip.memberId(),
                new PromotionGranted(trip.memberId(), code, earned.percent(), earned.reason()), clock.instant());
    }
}
