package io.anycalltaxi.local.control;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.anycalltaxi.core.web.Problems;
import io.anycalltaxi.local.eventing.LocalBroker;

/**
 * Knative Kafka broker ingress: {@code POST /<namespace>/<broker>} with a binary or structured
 * CloudEvent and the sender's token; 202 once Kafka stored it, 401 without a valid token, 403 when
 * no EventPolicy allows the sender that event, 400 for a malformed event (nothing stored), 404 for
 * an unknown broker, 503 if Kafka did not take it. KafkaSinks receive at {@code /sinks/<ns>/<name>}.
 */
@RestController
class IngressController {

    private final LocalBroker broker;

    IngressController(LocalBroker broker) {
        this.broker = broker;
    }

    @PostMapping("/{namespace}/{broker}")
    ResponseEntity<Void> ingest(@PathVariable String namespace, @PathVariable("broker") String name,
            @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        broker.ingest(namespace, name, () -> CloudEventHttp.read(headers, body), headers.getFirst(HttpHeaders.AUTHORIZATION));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/sinks/{namespace}/{sink}")
    ResponseEntity<Void> sink(@PathVariable String namespace, @PathVariable String sink,
            @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        broker.sink(namespace, sink, () -> CloudEventHttp.read(headers, body), headers.getFirst(HttpHeaders.AUTHORIZATION));
        return ResponseEntity.accepted().build();
    }

    @ExceptionHandler(InvalidEvent.class)
    ResponseEntity<ProblemDetail> invalid(InvalidEvent e) {
        return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "Invalid CloudEvent", e.getMessage()));
    }

    @ExceptionHandler(LocalBroker.NotAuthenticated.class)
    ResponseEntity<ProblemDetail> unauthenticated(LocalBroker.NotAuthenticated e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "Sender unknown", e.getMessage()));
    }

    @ExceptionHandler(LocalBroker.NotAllowed.class)
    ResponseEntity<ProblemDetail> forbidden(LocalBroker.NotAllowed e) {
        return Problems.response(Problems.of(HttpStatus.FORBIDDEN, "Not allowed by an EventPolicy", e.getMessage()));
    }

    @ExceptionHandler(LocalBroker.UnknownDestination.class)
    ResponseEntity<ProblemDetail> unknown(LocalBroker.UnknownDestination e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "Unknown broker", e.getMessage()));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> notStored(RuntimeException e) {
        return Problems.response(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Event not stored", e.getMessage()));
    }
}
