package io.anycalltaxi.core.cloudevents;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.outbox.OutboxRelays;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.Failures;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How a Knative Trigger reaches a function: {@code POST /} with a CloudEvent (binary or
 * structured). The answer follows the broker's contract: 200 with the next event (binary mode)
 * as the reply, 202 when there is nothing to say, 400/403/422 for an event that retrying cannot
 * fix (not retried: it goes to the dead-letter sink), 503 when a dependency is down (retried with
 * backoff), by the table in {@code Failures} (through {@code ProblemAdvice}). A dispatch tick, after
 * its handler, runs the function's outbox relays.
 * <p>
 * Spring Cloud Function's own web endpoint is switched off for this: it copies the request's
 * headers into the response, and a broker reads echoed {@code ce-*} headers as a reply of the
 * same event.
 */
@RestController
public class CloudEventEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CloudEventEndpoint.class);

    private final EventHandlers handlers;
    private final OutboxRelays relays;
    private final MeterRegistry meters;
    private final EventTracing tracing;

    public CloudEventEndpoint(EventHandlers handlers, OutboxRelays relays, MeterRegistry meters, EventTracing tracing) {
        this.handlers = handlers;
        this.relays = relays;
        this.meters = meters;
        this.tracing = tracing;
    }

    /**
     * Each delivery is timed as {@code anycalltaxi.events.handled{type, outcome}}: handled, refused
     * (4xx: the broker sends it to the dead letters at once) or failed (5xx: retried). With one
     * Trigger per function and type, a function's refused count of a type is its Trigger's dead letters.
     */
    @PostMapping("/")
    public ResponseEntity<byte[]> receive(@RequestHeader HttpHeaders headers,
            @RequestBody(required = false) byte[] body) {
        Timer.Sample sample = Timer.start(meters);
        String type = "other";
        try {
            CloudEvent event = CloudEventHttp.read(headers, body);
            type = EventType.of(event.getType()).map(EventType::type).orElse(type);
            ResponseEntity<byte[]> answer = handle(event);
            record(sample, type, "handled");
            return answer;
        } catch (RuntimeException failed) {
            record(sample, type, Failures.eventStatus(failed).is4xxClientError() ? "refused" : "failed");
            throw failed;
        }
    }

    private void record(Timer.Sample sample, String type, String outcome) {
        sample.stop(Timer.builder("anycalltaxi.events.handled").description("Event deliveries, by type and outcome")
                .tag("type", type).tag("outcome", outcome).register(meters));
    }

    private ResponseEntity<byte[]> handle(CloudEvent event) {
        CallContext.of(event);
        Function<CloudEvent, CloudEvent> handler = handlers.forType(event.getType())
                .orElseThrow(() -> new InvalidEvent("this function does not handle " + event.getType()));
        CloudEvent answer = handler.apply(event);
        CloudEvent reply = answer == null ? null : tracing.stamped(answer);
        if (EventType.DISPATCH_TICK.type().equals(event.getType())) {
            relays.relay();
        }
        if (reply == null) {
            log.debug("handled {} {}", event.getType(), event.getId());
            return ResponseEntity.accepted().build();
        }
        log.debug("handled {} {}, replied {} {}", event.getType(), event.getId(), reply.getType(), reply.getId());
        return ResponseEntity.ok().headers(CloudEventHttp.headers(reply)).body(CloudEventHttp.body(reply));
    }

    /** What this function handles, by event type: for operators and for the manifests' cross-check. */
    @GetMapping(path = "/", produces = "application/json")
    public Object handledTypes() {
        return handlers.handledTypes();
    }
}
