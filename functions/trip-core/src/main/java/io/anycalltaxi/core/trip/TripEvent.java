package io.anycalltaxi.core.trip;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * An event a trip emitted, kept in the trip document: its history, the replay answer for a
 * redelivered cause, and (while unpublished) its outbox entry.
 *
 * @param sequence 1 for the trip's first event, then +1: lets readers order out-of-order deliveries
 */
public record TripEvent(String id, String type, URI source, Instant time, int sequence, String causationId,
        Map<String, Object> data) {
}
