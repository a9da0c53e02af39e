package io.anycalltaxi.core.trip;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Why a trip changes: the id of the event (or request) that asked for it, the function acting on
 * it and when. Events a trip emits derive their ids from the cause, so a redelivered cause yields
 * the very same events and downstream deduplicates them.
 */
public record Cause(String id, URI source, Instant at) {

    /** MongoDB keeps milliseconds: an event replayed from storage must equal the one first emitted. */
    public Cause {
        at = millis(at);
    }

    /** A time as MongoDB keeps it, so that what is replayed from storage equals what was emitted. */
    public static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    public String derivedEventId(String eventType) {
        return UUID.nameUUIDFromBytes((id + "|" + eventType).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
