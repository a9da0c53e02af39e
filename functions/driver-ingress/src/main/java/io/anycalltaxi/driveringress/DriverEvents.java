package io.anycalltaxi.driveringress;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.security.Actor;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.security.Role;
import io.anycalltaxi.core.web.CallContext;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * {@code POST /events}: what a driver's app sends (binary or structured CloudEvents), with the
 * driver's bearer token. Only the catalog's driver types, only from {@code /drivers/<its taxi>}
 * and about its taxi; the time is stamped here, on receipt, because the app's clock is not
 * trusted. Everything else is refused before the broker sees it. 202 once the broker stored it.
 */
@RestController
class DriverEvents {

    private static final String DRIVER_TYPES = "io.anycalltaxi.driver.";
    /** The only extensions kept from an app: W3C trace context. */
    private static final Set<String> KEPT_EXTENSIONS = Set.of(EventFactory.TRACEPARENT, "tracestate");

    private final EventData data;
    private final EventPublisher broker;
    private final Clock clock;

    DriverEvents(EventData data, EventPublisher broker, Clock clock) {
        this.data = data;
        this.broker = broker;
        this.clock = clock;
    }

    @SecurityRequirement(name = "people", scopes = { "driver" })
    @PostMapping("/events")
    ResponseEntity<Void> receive(@RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        Actor driver = Callers.current();
        if (!driver.is(Role.DRIVER) || driver.taxiId() == null) {
            throw Callers.forbidden("only a taxi's driver sends events here");
        }
        CloudEvent event = CloudEventHttp.read(headers, body);
        CallContext.of(event);
        if (!event.getType().startsWith(DRIVER_TYPES)) {
            throw Callers.forbidden("a driver sends " + DRIVER_TYPES + "* events only, not " + event.getType());
        }
        EventType type = EventType.of(event.getType()).filter(t -> t.producer().equals(EventType.Producers.DRIVER_APP))
                .orElseThrow(() -> new InvalidEvent("unknown driver event type " + event.getType()));
        if (!event.getSource().toString().equals("/drivers/" + driver.taxiId())) {
            throw Callers.forbidden("a driver's events have the source /drivers/" + driver.taxiId());
        }
        data.read(event, type.dataType());
        if (!driver.taxiId().equals(taxiIdOf(event))) {
            throw Callers.forbidden("a driver speaks for its own taxi only");
        }
        broker.publish(received(event));
        return ResponseEntity.accepted().build();
    }

    private static String taxiIdOf(CloudEvent event) {
        try {
            JsonNode taxiId = EventJson.mapper().readTree(event.getData().toBytes()).path("taxiId");
            return taxiId.isTextual() ? taxiId.asText() : null;
        } catch (IOException unreadable) {
            throw new InvalidEvent("data of event " + event.getId() + " is not JSON");
        }
    }

    /** The event as the system takes it: its time is now, and nothing the app may not set. */
    private CloudEvent received(CloudEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(event.getId()).withSource(event.getSource())
                .withType(event.getType()).withSubject(event.getSubject())
                .withTime(clock.instant().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json").withData(event.getData().toBytes());
        for (String name : event.getExtensionNames()) {
            if (KEPT_EXTENSIONS.contains(name)) {
                builder.withExtension(name, event.getExtension(name).toString());
            }
        }
        return builder.build();
    }
}
