package io.anycalltaxi.core.cloudevents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * CloudEvents' distributed-tracing extension on what a function sends: an event leaves with the
 * trace context of the span that made it ({@code traceparent}, {@code tracestate}), so whoever
 * handles it, after the broker, continues the same trace. Without a current span (tracing off) the
 * event keeps the context it was given.
 */
public class EventTracing {

    static final List<String> EXTENSIONS = List.of(EventFactory.TRACEPARENT, "tracestate");

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public CloudEvent stamped(CloudEvent event) {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return event;
        }
        Map<String, String> context = new LinkedHashMap<>();
        propagator.inject(span.context(), context, Map::put);
        if (!context.containsKey(EventFactory.TRACEPARENT)) {
            return event;
        }
        CloudEventBuilder stamped = CloudEventBuilder.from(event);
        EXTENSIONS.stream().filter(context::containsKey).forEach(name -> stamped.withExtension(name, context.get(name)));
        return stamped.build();
    }
}
