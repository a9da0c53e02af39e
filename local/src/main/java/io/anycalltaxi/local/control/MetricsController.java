package io.anycalltaxi.local.control;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.local.eventing.LocalBroker;
import io.anycalltaxi.local.identity.WorkloadIssuer;

/**
 * The local broker's meters for Prometheus, as each function serves its own: only to the scraper's
 * service account, with a token for the metrics audience (the functions' {@code anycalltaxi.metrics.*}).
 */
@RestController
class MetricsController {

    static final String SCRAPER = "system:serviceaccount:monitoring:prometheus";
    static final String AUDIENCE = "anycalltaxi-metrics";
    private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final LocalBroker broker;
    private final WorkloadIssuer identities;

    MetricsController(LocalBroker broker, WorkloadIssuer identities) {
        this.broker = broker;
        this.identities = identities;
    }

    @GetMapping("/actuator/prometheus")
    ResponseEntity<String> scrape(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!identities.subjectOf(authorization, AUDIENCE).filter(SCRAPER::equals).isPresent()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(broker.meters().scrape());
    }
}
