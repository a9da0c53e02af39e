package io.anycalltaxi.bench;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A rider watching the trip as the web app does, by its view's Server-Sent Events
 * ({@code GET /trips/{callId}/stream}), rather than by asking again and again: each status the
 * view went through is kept, and a wait ends as soon as its status comes.
 */
final class TripWatch implements AutoCloseable {

    private static final Duration RETRY = Duration.ofMillis(20);

    private final Set<String> seen = new HashSet<>();
    private Runnable stream;

    private TripWatch() {
    }

    /**
     * Opened as soon as the view knows the call: until it does, the stream answers 404.
     *
     * @return empty if the view could not be followed within {@code patience}
     */
    static Optional<TripWatch> open(Api api, String callId, Members.Caller rider, Duration patience)
            throws InterruptedException {
        TripWatch watch = new TripWatch();
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<Runnable> opened;
        while ((opened = api.follow("/trips/" + callId + "/stream", rider.token(),
                view -> watch.saw(view.path("status").asText()))).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(RETRY.toMillis());
        }
        watch.stream = opened.get();
        return Optional.of(watch);
    }

    private synchronized void saw(String status) {
        seen.add(status);
        notifyAll();
    }

    /** @return whether the view showed this status within {@code patience} */
    synchronized boolean await(String status, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (!seen.contains(status)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stream.run();
    }
}
