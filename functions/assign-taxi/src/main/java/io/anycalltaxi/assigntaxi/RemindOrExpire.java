package io.anycalltaxi.assigntaxi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.events.CallOffered;
import io.anycalltaxi.core.events.CallWaiting;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripOutbox;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * F4, on every dispatch tick (PingSource): a call still unassigned after a while is reminded
 * ({@code call.waiting}) and offered again, further out; one unassigned for too long expires
 * ({@code call.expired}) and the member may call again. The events' ids are derived from the call
 * and the reminder number, and the reminder is recorded by a conditional write: two ticks at once
 * send the same events, which consumers deduplicate, so nobody is notified twice.
 */
@Component
@HandlesEvent(EventType.DISPATCH_TICK)
public class RemindOrExpire implements Function<CloudEvent, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(RemindOrExpire.class);

    private final Dispatches dispatches;
    private final Offers offers;
    private final Trips trips;
    private final TripOutbox outbox;
    private final EventPublisher publisher;
    private final EventFactory events;
    private final DispatchPolicy policy;
    private final Clock clock;

    public RemindOrExpire(Dispatches dispatches, Offers offers, Trips trips, TripOutbox outbox,
            EventPublisher publisher, EventFactory events, DispatchPolicy policy, Clock clock) {
        this.dispatches = dispatches;
        this.offers = offers;
        this.trips = trips;
        this.outbox = outbox;
        this.publisher = publisher;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent tick) {
        Instant now = clock.instant();
        for (Dispatch dispatch : dispatches.openOnes()) {
            Trip trip = trips.find(dispatch.callId()).orElse(null);
            if (trip == null || trip.status() != TripStatus.REQUESTED) {
                dispatches.close(dispatch.callId());
            } else if (!dispatch.requestedAt().plus(policy.expireAfter()).isAfter(now)) {
                expire(dispatch, now);
            } else if (!dispatch.lastNoticeAt().plus(policy.remindAfter()).isAfter(now)) {
                remind(dispatch, now);
            }
        }
        return null;
    }

    private void expire(Dispatch dispatch, Instant now) {
        Cause cause = events.cause("expire-" + dispatch.callId(), now);
        TripChange expired = trips.changeAndQueue(dispatch.callId(), cause, trip -> trip.expire(cause));
        dispatches.close(dispatch.callId());
        outbox.publish(expired.trip());
        log.info("call {} expired after {}", dispatch.callId(), policy.expireAfter());
    }

    private void remind(Dispatch dispatch, Instant now) {
        int reminder = dispatch.reminders() + 1;
        int radius = policy.radiusAfter(reminder);
        List<String> taxis = offers.taxisFor(dispatch.pickup(), radius);
        String callId = dispatch.callId();
        long waiting = Duration.between(dispatch.requestedAt(), now).toSeconds();
        Cause cause = events.cause("reminder-" + reminder + "-" + callId, now);
        try {
            publisher.publish(events.event(cause.derivedEventId(EventType.CALL_WAITING.type()), EventType.CALL_WAITING,
                    callId, new CallWaiting(callId, waiting, reminder), now));
            publisher.publish(events.event(cause.derivedEventId(EventType.CALL_OFFERED.type()), EventType.CALL_OFFERED,
                    callId, new CallOffered(callId, taxis), now));
        } catch (TemporarilyUnavailable e) {
            log.warn("call {}: reminder {} not sent, the next tick tries again: {}", callId, reminder, e.getMessage());
            return;
        }
        if (dispatches.remind(dispatch, taxis, radius, now)) {
            log.info("call {} still waiting after {} s: reminder {}, offered to {} taxi(s) within {} m", callId,
                    waiting, reminder, taxis.size(), radius);
        }
    }
}
