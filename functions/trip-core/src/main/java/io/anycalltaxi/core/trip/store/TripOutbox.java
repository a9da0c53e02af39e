package io.anycalltaxi.core.trip.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.outbox.OutboxRelay;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripEvent;

/**
 * Publishes the events a trip queued (its outbox, written in the same conditional write as the
 * change) to the broker. The writer publishes right after its write, and owns its entries for a
 * grace period; if the broker is unreachable they stay queued and {@link #relay()} sends them on a
 * later tick, so an accepted call is never lost. Each function publishes and relays only the events
 * it produced (the broker admits each type from its producer alone); an event sent twice keeps its
 * id, and every consumer deduplicates.
 */
public class TripOutbox implements OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(TripOutbox.class);
    private static final int RELAY_BATCH = 100;

    private final Trips trips;
    private final EventPublisher publisher;
    private final EventFactory events;
    private final Clock clock;
    private final Duration grace;

    public TripOutbox(Trips trips, EventPublisher publisher, EventFactory events, Clock clock, Duration grace) {
        this.trips = trips;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Publishes the events this function queued on the trip now. Another producer's events still
     * queued there are left to it: the broker would refuse them from this function, and that refusal
     * would hold this function's own events back until its next relay.
     *
     * @return whether all of them reached the broker (if not, the relay will retry)
     */
    public boolean publish(Trip trip) {
        return publish(trip, own(trip));
    }

    /** Sends what this function left queued for longer than the grace period. */
    @Override
    public Optional<Instant> relay() {
        Instant due = clock.instant().minus(grace);
        for (Trip trip : trips.withUnpublishedEventsOf(events.source(), RELAY_BATCH)) {
            List<TripEvent> overdue = own(trip).stream().filter(e -> e.time().isBefore(due)).toList();
            if (!overdue.isEmpty() && !publish(trip, overdue)) {
                return Optional.of(overdue.get(0).time());
            }
        }
        return Optional.empty();
    }

    private List<TripEvent> own(Trip trip) {
        return trip.unpublished().stream().filter(e -> e.source().equals(events.source())).toList();
    }

    private boolean publish(Trip trip, List<TripEvent> pending) {
        List<String> sent = new ArrayList<>();
        try {
            for (TripEvent event : pending) {
                publisher.publish(events.of(trip.callId(), event, null));
                sent.add(event.id());
            }
            return true;
        } catch (TemporarilyUnavailable e) {
            log.warn("call {}: {} event(s) stay queued, the broker is unreachable: {}", trip.callId(),
                    pending.size() - sent.size(), e.getMessage());
            return false;
        } finally {
            if (!sent.isEmpty()) {
                trips.published(trip, sent);
            }
        }
    }
}
