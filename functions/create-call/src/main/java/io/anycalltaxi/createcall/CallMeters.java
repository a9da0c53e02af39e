package io.anycalltaxi.createcall;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.web.RequestRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Calls taken and refused, by a reason from a short fixed list (a label never holds an id):
 * {@code anycalltaxi.calls.requested}, {@code anycalltaxi.calls.refused{reason}}. (Not "created":
 * Prometheus keeps a {@code _created} suffix for a counter's start time, and drops it from names.)
 */
@Component
class CallMeters {

    private final MeterRegistry registry;
    private final Counter requested;

    CallMeters(MeterRegistry registry) {
        this.registry = registry;
        this.requested = Counter.builder("anycalltaxi.calls.requested").description("Calls taken (F1)").register(registry);
    }

    void requested() {
        requested.increment();
    }

    void refused(RequestRefused refusal) {
        Counter.builder("anycalltaxi.calls.refused").description("Calls refused, by reason (N2 and the admission rules)")
                .tag("reason", reason(refusal.status())).register(registry).increment();
    }

    static String reason(HttpStatus status) {
        return switch (status) {
            case TOO_MANY_REQUESTS -> "surge";
            case SERVICE_UNAVAILABLE -> "unavailable";
            case NOT_FOUND -> "unknown_member";
            case CONFLICT -> "call_in_progress";
            default -> "other";
        };
    }
}
