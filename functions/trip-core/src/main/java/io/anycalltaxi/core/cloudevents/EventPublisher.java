package io.anycalltaxi.core.cloudevents;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.http.OutboundHttp;
import io.anycalltaxi.core.security.WorkloadTokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.observation.ObservationRegistry;

/**
 * Hands events to the broker at {@code K_SINK} (given by a SinkBinding), in binary mode, with the
 * extensions of {@code K_CE_OVERRIDES}, with this function's workload token (the broker's
 * EventPolicies admit each type only from its producer). The broker answers 202 once the event is stored.
 */
public class EventPublisher {

    private final URI sink;
    private final Map<String, String> overrides;
    private final RestClient http;
    private final WorkloadTokens identity;
    private final EventTracing tracing;

    /**
     * @param identity this function's tokens: the broker admits an event only from its producer
     * @param tracing  stamps each event with the trace context it is sent in
     */
    public EventPublisher(String sink, String ceOverrides, Duration timeout, WorkloadTokens identity,
            EventTracing tracing, ObservationRegistry observations) {
        this.identity = identity;
        this.tracing = tracing;
        this.sink = sink == null || sink.isBlank() ? null : URI.create(sink);
        this.overrides = parseOverrides(ceOverrides);
        this.http = RestClient.builder().requestFactory(OutboundHttp.requests(timeout)).observationRegistry(observations)
                .build();
    }

    /** @throws TemporarilyUnavailable if the broker did not take the event */
    public void publish(CloudEvent event) {
        if (sink == null) {
            throw new TemporarilyUnavailable("K_SINK is not set: no broker to publish " + event.getType() + " to");
        }
        CloudEvent withOverrides = withOverrides(tracing.stamped(event));
        try {
            http.post().uri(sink)
                    .headers(h -> {
                        h.addAll(CloudEventHttp.headers(withOverrides));
                        identity.forAudience(WorkloadTokens.BROKER).ifPresent(h::setBearerAuth);
                    })
                    .body(CloudEventHttp.body(withOverrides))
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientException e) {
            throw new TemporarilyUnavailable("the broker at " + sink + " did not take event " + event.getId(), e);
        }
    }

    private CloudEvent withOverrides(CloudEvent event) {
        if (overrides.isEmpty()) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(event);
        overrides.forEach(builder::withExtension);
        return builder.build();
    }

    /** {@code {"extensions": {"name": "value"}}}, as Knative's SinkBinding sets it. */
    private static Map<String, String> parseOverrides(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode extensions = EventJson.mapper().readTree(json).path("extensions");
            return EventJson.mapper().convertValue(extensions.isMissingNode() ? Map.of() : extensions,
                    EventJson.mapper().getTypeFactory().constructMapType(Map.class, String.class, String.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("K_CE_OVERRIDES is not valid JSON: " + json, e);
        }
    }
}
