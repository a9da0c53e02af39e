package io.anycalltaxi.core.trip;

import java.util.List;

/**
 * The result of acting on a trip.
 *
 * @param events   the events this cause produced (now, or on an earlier delivery)
 * @param replayed true when the cause had already been applied and nothing was written
 */
public record TripChange(Trip trip, List<TripEvent> events, boolean replayed) {

    public TripEvent event() {
        if (events.size() != 1) {
            throw new IllegalStateException("expected one event, got " + events.size());
        }
        return events.get(0);
    }
}
