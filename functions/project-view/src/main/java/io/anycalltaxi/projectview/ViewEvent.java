package io.anycalltaxi.projectview;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.fasterxml.jackson.core.type.TypeReference;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/**
 * A trip event as the view keeps it ({@code trip_events}): enough to rebuild the view, all but the
 * taxi's live position, which is not kept as events.
 *
 * @param id       the event's identity (source and id): a redelivered event is kept once
 * @param sequence the trip's sequence number, or 0 for events that are not trip changes
 */
@Document("trip_events")
public record ViewEvent(@Id String id, String callId, EventType type, Instant time, int sequence,
        Map<String, Object> data) {

    public static ViewEvent of(CloudEvent event) {
        String callId = event.getSubject();
        if (callId == null || callId.isBlank()) {
            throw new InvalidEvent("event " + event.getId() + " names no call (subject)");
        }
        EventType type = EventType.of(event.getType())
                .orElseThrow(() -> new InvalidEvent("unknown event type " + event.getType()));
        if (event.getData() == null) {
            throw new InvalidEvent("event " + event.getId() + " has no data");
        }
        Map<String, Object> data;
        try {
            data = EventJson.mapper().readValue(event.getData().toBytes(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new InvalidEvent("data of event " + event.getId() + " is not JSON", e);
        }
        // MongoDB keeps milliseconds: a rebuilt view must equal the live one.
        Instant time = event.getTime() == null ? Instant.EPOCH : event.getTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
        return new ViewEvent(EventFactory.identity(event), callId, type, time, EventFactory.tripSequence(event).orElse(0),
                data);
    }

    <T> T data(Class<T> type) {
        return EventJson.fromMap(data, type);
    }
}
