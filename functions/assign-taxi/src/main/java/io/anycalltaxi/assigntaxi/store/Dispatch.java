package io.anycalltaxi.assigntaxi.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;

/**
 * Dispatch's own record of a call: which taxis were offered it, how far it reached, how often the
 * customer was reminded, which taxis left it (never offered it again). The trip itself stays the
 * authority on whether a taxi got it.
 *
 * @param requestedAt when this round of dispatch started: the call, or the taxi leaving it
 * @param traceparent the call's W3C trace context, handed to the drivers it is offered to: their
 *                    apps send it back on their events ({@code ce-traceparent}), so a trip is one trace
 */
@Document("dispatches")
public record Dispatch(
        @Id String callId,
        State state,
        Place pickup,
        Place dropoff,
        Money fareEstimate,
        Instant requestedAt,
        List<String> offeredTaxiIds,
        int radiusMeters,
        int reminders,
        Instant lastReminderAt,
        List<String> excludedTaxiIds,
        String traceparent) {

    public enum State {
        /** Taxis may accept it. */
        OPEN,
        /** Assigned, cancelled or expired: no more offers. */
        CLOSED
    }

    public Dispatch {
        offeredTaxiIds = List.copyOf(offeredTaxiIds);
        excludedTaxiIds = excludedTaxiIds == null ? List.of() : List.copyOf(excludedTaxiIds);
    }

    public boolean wasOfferedTo(String taxiId) {
        return offeredTaxiIds.contains(taxiId);
    }

    public Instant lastNoticeAt() {
        return lastReminderAt == null ? requestedAt : lastReminderAt;
    }
}
