package io.anycalltaxi.core.trip;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Why a trip changes: what asked for it (an event, known by its source and id, or a request), the
 * function acting on it and when. Events a trip emits derive their ids from the cause and their
 * type, so a redelivered cause yields the very same events and downstream deduplicates them.
 *
 * @param id the cause's identity: an incoming event's source and id, or the request's own id
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
