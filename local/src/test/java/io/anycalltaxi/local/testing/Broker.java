package io.anycalltaxi.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** What the broker has done: used to wait until every Trigger has finished with what was sent. */
public final class Broker {

    private Broker() {
    }

    /**
     * Waits until every Trigger's consumer group has committed past everything stored so far: each
     * event sent before this call has been delivered (or dead-lettered) by every Trigger.
     */
    public static void awaitAllDelivered() {
        try {
            assertThat(SharedStack.stack().broker().awaitDelivered(Duration.ofSeconds(60)))
                    .as("every Trigger delivered what was sent within a minute").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
