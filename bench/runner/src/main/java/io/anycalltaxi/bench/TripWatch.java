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
    private final AutoCloseable stream;

    /** Opened as soon as the view knows the call: until it does, the stream answers 404. */
    TripWatch(Api api, String callId, Members.Caller rider, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<AutoCloseable> opened;
        while ((opened = api.follow("/trips/" + callId + "/stream", rider.token(),
                view -> saw(view.path("status").asText()))).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the view of call " + callId + " could not be followed");
            }
            Thread.sleep(RETRY.toMillis());
        }
        this.stream = opened.get();
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
    public void close() throws Exception {
        stream.close();
    }
}
