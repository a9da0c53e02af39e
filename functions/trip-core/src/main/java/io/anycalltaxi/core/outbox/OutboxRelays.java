package io.anycalltaxi.core.outbox;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's outbox relays, run when an event asks for it (each dispatch tick that reaches the
 * function), not by a timer: a function scaled to zero has no timers, and a tick wakes it.
 */
public class OutboxRelays {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelays.class);

    private final List<OutboxRelay> relays;
    private final RelayLease lease;

    public OutboxRelays(List<OutboxRelay> relays, RelayLease lease) {
        this.relays = List.copyOf(relays);
        this.lease = lease;
    }

    /** Runs every relay, unless another replica is relaying now. */
    public void relay() {
        if (relays.isEmpty() || !lease.take()) {
            return;
        }
        try {
            for (OutboxRelay relay : relays) {
                try {
                    relay.relay();
                } catch (RuntimeException notNow) {
                    log.warn("the outbox relay {} stopped until the next tick: {}", relay.getClass().getSimpleName(),
                            notNow.getMessage());
                }
            }
        } finally {
            lease.release();
        }
    }
}
