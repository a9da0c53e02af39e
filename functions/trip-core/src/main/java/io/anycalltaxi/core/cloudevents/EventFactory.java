package io.anycalltaxi.core.cloudevents;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.UUID;

import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.TripEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Builds the CloudEvents a function emits: source {@code /functions/<name>}, subject the callId
 * (correlation), JSON data, W3C trace context carried over from the cause.
 */
public class EventFactory {

    /** CloudEvents extension carrying a trip event's sequence number, for ordering by readers. */
    public static final String TRIP_SEQUENCE = "tripsequence";
    public static final String TRACEPARENT = "traceparent";

    private static final String JSON = "application/json";

    private final URI source;

    public EventFactory(String functionName) {
        this.source = URI.create("/functions/" + functionName);
    }

    /**
     * A trip event's sequence number; empty for events that are not trip changes. Binary mode
     * carries extensions as strings, structured mode as numbers: both are read.
     */
    public static OptionalInt tripSequence(CloudEvent event) {
        Object sequence = event.getExtension(TRIP_SEQUENCE);
        return sequence == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(sequence.toString()));
    }

    public URI source() {
        return source;
    }

    /**
     * What makes an event the same event: its source and its id together, as CloudEvents defines
     * (ids are unique per source only; two drivers' apps may both number their events from 1). A
     * space joins them, which a URI reference cannot hold.
     */
    public static String identity(CloudEvent event) {
        return event.getSource() + " " + event.getId();
    }

    /** The cause of a change made on behalf of an incoming event, known by that event's {@link #identity}. */
    public Cause causeOf(CloudEvent incoming, Instant now) {
        return new Cause(identity(incoming), source, now);
    }

    /** The cause of a change made on behalf of a request (an HTTP call, a scheduled sweep). */
    public Cause cause(String requestId, Instant now) {
        return new Cause(requestId, source, now);
    }

    /** A trip's event as a CloudEvent; {@code incoming} (may be null) lends its trace context. */
    public CloudEvent of(String callId, TripEvent event, CloudEvent incoming) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(event.source())
                .withType(event.type())
                .withSubject(callId)
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(EventJson.toBytes(event.data()))
                .withExtension(TRIP_SEQUENCE, event.sequence());
        return withTrace(builder, incoming).build();
    }

    /**
     * An event answering {@code incoming} that is not a trip change: its id is derived from the
     * incoming id, so a redelivery answers with the same id.
     */
    public CloudEvent reply(CloudEvent incoming, EventType type, String subject, Record data, Instant at) {
        String id = causeOf(incoming, at).derivedEventId(type.type());
        return withTrace(builder(source, id, type, subject, data, at), incoming).build();
    }

    /** A new event of this function's own, with an id chosen by the caller. */
    public CloudEvent event(String id, EventType type, String subject, Record data, Instant at) {
        return builder(source, id, type, subject, data, at).build();
    }

    /** An event of a producer that is not a function (a driver's app, a client), with a fresh id, made now. */
    public static CloudEvent fromProducer(URI source, EventType type, String subject, Record data) {
        return builder(source, UUID.randomUUID().toString(), type, subject, data, Instant.now()).build();
    }

    private static CloudEventBuilder builder(URI source, String id, EventType type, String subject, Record data,
            Instant at) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type.type())
                .withSubject(subject)
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(EventJson.toBytes(data));
    }

    private static CloudEventBuilder withTrace(CloudEventBuilder builder, CloudEvent incoming) {
        if (incoming != null && incoming.getExtension(TRACEPARENT) != null) {
            builder.withExtension(TRACEPARENT, incoming.getExtension(TRACEPARENT).toString());
        }
        return builder;
    }
}
