package io.anycalltaxi.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A fixed-window limit: at most {@code requests} in each {@code window}. Decides whether one more
 * request is let through, and if not, how long to wait.
 */
public record RateLimit(int requests, Duration window) {

    /** The window {@code at} falls in, by its start. */
    public Instant windowOf(Instant at) {
        long length = window.toMillis();
        return Instant.ofEpochMilli(at.toEpochMilli() / length * length);
    }

    /**
     * @param counted the requests of this window, this one included
     * @return empty if allowed, else the wait until the next window
     */
    public Optional<Duration> refuse(long counted, Instant at) {
        if (counted <= requests) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(at, windowOf(at).plus(window)));
    }
}
