package io.anycalltaxi.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The function's outbox relays, run when an event asks for it (each dispatch tick that reaches the
 * function), not by a timer: a function scaled to zero has no timers, and a tick wakes it. The
 * age of what the last relay had to leave queued is the gauge {@code anycalltaxi.outbox.age}
 * (seconds; 0 when it sent everything due): an event the broker has not taken for minutes is an
 * operator's alert.
 */
public class OutboxRelays {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelays.class);

    private final List<OutboxRelay> relays;
    private final RelayLease lease;
    private final AtomicReference<Instant> oldestLeft = new AtomicReference<>();

    public OutboxRelays(List<OutboxRelay> relays, RelayLease lease, MeterRegistry meters, Clock clock) {
        this.relays = List.copyOf(relays);
        this.lease = lease;
        Gauge.builder("anycalltaxi.outbox.age", () -> Optional.ofNullable(oldestLeft.get())
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("How long the oldest event the last outbox relay could not hand to the broker has waited")
                .baseUnit("seconds").register(meters);
    }

    /** Runs every relay, unless another replica is relaying now. */
    public void relay() {
        if (relays.isEmpty() || !lease.take()) {
            return;
        }
        try {
            Instant oldest = null;
            for (OutboxRelay relay : relays) {
                try {
                    Optional<Instant> left = relay.relay();
                    if (left.isPresent() && (oldest == null || left.get().isBefore(oldest))) {
                        oldest = left.get();
                    }
                } catch (RuntimeException notNow) {
                    log.warn("the outbox relay {} stopped until the next tick: {}", relay.getClass().getSimpleName(),
                            notNow.getMessage());
                }
            }
            oldestLeft.set(oldest);
        } finally {
            lease.release();
        }
    }
}
