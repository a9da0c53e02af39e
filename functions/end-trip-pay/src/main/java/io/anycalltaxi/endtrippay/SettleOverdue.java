package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripEvent;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;
import jakarta.annotation.PostConstruct;

/**
 * On every dispatch tick, the money nobody is settling is settled: trips with a charge owed and
 * not asked for (its {@code trip.ended} ran out of retries in a long payment outage), an attempt or
 * refund whose outcome is unknown, a surplus approval, and trips in PAYMENT_FAILED whose member has
 * another card by now (a missed card update). Bounded per tick; a trip it cannot settle now is
 * skipped and reported, and the others are settled all the same.
 */
@Component
@HandlesEvent(EventType.DISPATCH_TICK)
public class SettleOverdue implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(SettleOverdue.class);
    private static final int BATCH = 100;

    private final Trips trips;
    private final Checkout checkout;
    private final Clock clock;
    private final Duration overdueAfter;

    public SettleOverdue(Trips trips, Checkout checkout, Clock clock,
            @Value("${anycalltaxi.payment.overdue-after}") Duration overdueAfter) {
        this.trips = trips;
        this.checkout = checkout;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    @PostConstruct
    void indexes() {
        trips.indexes();
    }

    @Override
    public CloudEvent apply(CloudEvent tick) {
        Instant quietSince = clock.instant().minus(overdueAfter);
        List<Trip> due = Stream.concat(trips.withOpenMoney(BATCH).stream(),
                trips.inStatus(TripStatus.PAYMENT_FAILED, BATCH).stream())
                .distinct().filter(trip -> lastChange(trip).isBefore(quietSince)).toList();
        int skipped = 0;
        for (Trip trip : due) {
            try {
                log.info("call {} has money to settle in {}: settling it", trip.callId(), trip.status());
                checkout.settle(trip.callId());
            } catch (RuntimeException cannotNow) {
                skipped++;
                log.warn("call {} cannot be settled now, skipped until the next tick: {}", trip.callId(),
                        cannotNow.getMessage());
            }
        }
        if (skipped > 0) {
            log.warn("{} of {} trip(s) with money to settle were skipped", skipped, due.size());
        }
        return null;
    }

    /** A trip changed recently is being settled by whoever changed it. */
    private static Instant lastChange(Trip trip) {
        Instant last = trip.events().stream().map(TripEvent::time).max(Instant::compareTo).orElse(trip.requestedAt());
        return trip.charges().stream().map(c -> c.reservedAt()).filter(at -> at.isAfter(last)).max(Instant::compareTo)
                .orElse(last);
    }
}
