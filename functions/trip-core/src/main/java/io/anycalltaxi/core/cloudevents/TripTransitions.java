package io.anycalltaxi.core.cloudevents;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.anycalltaxi.core.events.DriverEvent;
import io.anycalltaxi.core.events.TripData;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * The common shape of a handler that answers an event by changing a trip: read and check the
 * event's data, apply the change to the call it names (or replay it, for a redelivery), and answer
 * with the event the change produced.
 */
public class TripTransitions {

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Clock clock;

    public TripTransitions(EventData data, EventFactory events, Trips trips, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.clock = clock;
    }

    /** The change an event made (or a redelivery replayed) and the event answering it. */
    public record Answered(TripChange change, CloudEvent reply) {
    }

    /** For an event of the system's own. */
    public <T extends Record & TripData> CloudEvent apply(CloudEvent event, Class<T> dataType,
            BiFunction<T, Cause, UnaryOperator<Trip>> change) {
        return answer(event, dataType, change).reply();
    }

    /** As {@link #apply}, telling a new change from a redelivery's replay (for what is counted once). */
    public <T extends Record & TripData> Answered answer(CloudEvent event, Class<T> dataType,
            BiFunction<T, Cause, UnaryOperator<Trip>> change) {
        return change(event, data.read(event, dataType), change);
    }

    /** For a driver's event: its source and its data must name the same taxi. */
    public <T extends Record & TripData & DriverEvent> CloudEvent applyFromDriver(CloudEvent event, Class<T> dataType,
            BiFunction<T, Cause, UnaryOperator<Trip>> change) {
        return change(event, data.readFromDriver(event, dataType), change).reply();
    }

    /**
     * When the system received the event: its time, which the driver ingress stamps on receipt (an
     * app's own clock is not trusted), or now.
     */
    public Instant receivedAt(CloudEvent event) {
        return event.getTime() == null ? clock.instant() : event.getTime().toInstant();
    }

    private <T extends TripData> Answered change(CloudEvent event, T data,
            BiFunction<T, Cause, UnaryOperator<Trip>> change) {
        Cause cause = events.causeOf(event, clock.instant());
        TripChange changed = trips.change(data.callId(), cause, change.apply(data, cause));
        return new Answered(changed, events.of(data.callId(), changed.event(), event));
    }
}
