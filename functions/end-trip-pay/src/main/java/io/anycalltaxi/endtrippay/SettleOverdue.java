package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * On every dispatch tick, trips that should have been settled are charged: one still ENDED a while
 * after the ride (its {@code trip.ended} ran out of retries during a long payment outage), and one
 * in PAYMENT_FAILED whose member has another card on file by now (its card update was missed).
 */
@Component
@HandlesEvent(EventType.DISPATCH_TICK)
public class SettleOverdue implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(SettleOverdue.class);
    private static final int BATCH = 100;

    private final Trips trips;
    private final MemberDirectory members;
    private final Checkout checkout;
    private final EventFactory events;
    private final Clock clock;
    private final Duration overdueAfter;

    public SettleOverdue(Trips trips, MemberDirectory members, Checkout checkout, EventFactory events, Clock clock,
            @Value("${anycalltaxi.payment.overdue-after}") Duration overdueAfter) {
        this.trips = trips;
        this.members = members;
        this.checkout = checkout;
        this.events = events;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    @Override
    public CloudEvent apply(CloudEvent tick) {
        Instant now = clock.instant();
        try {
            for (Trip ended : trips.endedBefore(TripStatus.ENDED, now.minus(overdueAfter), BATCH)) {
                settle(ended, now);
            }
            for (Trip declined : trips.endedBefore(TripStatus.PAYMENT_FAILED, now, BATCH)) {
                if (hasAnotherCard(declined)) {
                    settle(declined, now);
                }
            }
        } catch (TemporarilyUnavailable e) {
            log.warn("settling overdue trips stops until the next tick: {}", e.getMessage());
        }
        return null;
    }

    private void settle(Trip trip, Instant now) {
        log.info("call {} is overdue in {}: charging it", trip.callId(), trip.status());
        checkout.chargeAndPublish(trip.callId(),
                events.cause("settle-" + trip.callId() + "#" + trip.chargeAttempt(), now));
    }

    private boolean hasAnotherCard(Trip declined) {
        return members.find(declined.memberId())
                .map(member -> !Objects.equals(member.card().token(), declined.charge().cardToken()))
                .orElse(false);
    }
}
