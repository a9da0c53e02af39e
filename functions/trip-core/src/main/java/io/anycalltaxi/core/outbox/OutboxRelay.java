package io.anycalltaxi.core.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Hands to the broker what this function left in an outbox: events written with a state change
 * whose publishing right after the write failed (broker down, a crash between the two).
 */
public interface OutboxRelay {

    /**
     * Publishes this function's entries older than the writer's grace period; stops at the first the broker refuses.
     *
     * @return when the entry it stopped at was written; empty when nothing overdue is left
     */
    Optional<Instant> relay();
}
