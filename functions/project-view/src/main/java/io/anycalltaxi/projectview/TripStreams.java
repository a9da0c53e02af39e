package io.anycalltaxi.projectview;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * F5: the customer's view as a stream of Server-Sent Events. Every change of the view (a stage,
 * the status, the taxi's position) is sent as an {@code event: view} carrying the whole view, with
 * the view's version as the event id, so a client that reconnects with {@code Last-Event-ID} gets
 * only what is newer. Changes made here are pushed at once; a poll catches those made by other
 * instances of this function. A change is pushed off the thread that made it (the broker's
 * delivery waits for nobody's network), and a call's view is read once for all who watch it.
 * Every stream gets a heartbeat (an SSE comment) now and then: a proxy in between (the gateway,
 * Knative's queue-proxy) learns from that write that its client has gone and closes the stream,
 * which would otherwise hold a request in flight here, and read its view each poll, until it
 * times out; a stream with no changes is written to at least that often.
 */
@Component
class TripStreams {

    private final TripViews views;
    private final Duration timeout;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService pushing = Executors.newVirtualThreadPerTaskExecutor();

    TripStreams(TripViews views, @Value("${anycalltaxi.view.stream-timeout:9m}") Duration timeout,
            MeterRegistry meters) {
        this.views = views;
        this.timeout = timeout;
        Gauge.builder("anycalltaxi.view.streams", () -> subscribers.values().stream().mapToInt(List::size).sum())
                .description("Live trip streams open in this instance (customers' and friends')").register(meters);
    }

    private static final class Subscriber {
        private final String callId;
        private final SseEmitter emitter;
        private final Function<TripView, Object> shown;
        private long sentVersion;
        /** The newest view it has: sent, or had before it (re)connected. */
        private TripView known;

        Subscriber(String callId, SseEmitter emitter, Function<TripView, Object> shown, long sentVersion) {
            this.callId = callId;
            this.emitter = emitter;
            this.shown = shown;
            this.sentVersion = sentVersion;
        }

        synchronized boolean follows(String taxiId) {
            return known != null && known.followsTaxi(taxiId);
        }
    }

    /** @param shown what this subscriber may see of the view (the whole of it, or a friend's share) */
    SseEmitter subscribe(String callId, long lastSeenVersion, Function<TripView, Object> shown) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscriber subscriber = new Subscriber(callId, emitter, shown, lastSeenVersion);
        subscribers.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(subscriber);
        Runnable leave = () -> leave(subscriber);
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(failure -> leave.run());
        views.find(callId).ifPresent(view -> send(subscriber, view));
        return emitter;
    }

    @EventListener
    void changed(TripViews.ViewChanged change) {
        if (subscribers.containsKey(change.callId())) {
            pushing.execute(() -> push(change.callId()));
        }
    }

    @EventListener
    void moved(TripViews.TaxiMoved move) {
        subscribers.forEach((callId, watching) -> {
            if (watching.stream().anyMatch(subscriber -> subscriber.follows(move.taxiId()))) {
                pushing.execute(() -> push(callId));
            }
        });
    }

    @Scheduled(fixedDelayString = "${anycalltaxi.view.stream-poll:1s}")
    void poll() {
        subscribers.keySet().forEach(this::push);
    }

    @Scheduled(fixedDelayString = "${anycalltaxi.view.stream-heartbeat:15s}")
    void heartbeat() {
        subscribers.values().forEach(watching -> watching.forEach(subscriber -> {
            synchronized (subscriber) {
                write(subscriber, SseEmitter.event().comment(""));
            }
        }));
    }

    @PreDestroy
    void stop() {
        pushing.shutdownNow();
    }

    private void push(String callId) {
        List<Subscriber> watching = subscribers.get(callId);
        if (watching != null && !watching.isEmpty()) {
            views.find(callId).ifPresent(view -> watching.forEach(subscriber -> send(subscriber, view)));
        }
    }

    private void send(Subscriber subscriber, TripView view) {
        synchronized (subscriber) {
            if (view.version() <= subscriber.sentVersion) {
                subscriber.known = subscriber.known == null ? view : subscriber.known;
                return;
            }
            if (write(subscriber, SseEmitter.event().id(Long.toString(view.version())).name("view")
                    .data(subscriber.shown.apply(view), MediaType.APPLICATION_JSON))) {
                subscriber.sentVersion = view.version();
                subscriber.known = view;
            }
        }
    }

    /** @return whether it was written; a subscriber that cannot be written to has gone, and leaves */
    private boolean write(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException gone) {
            leave(subscriber);
            return false;
        }
    }

    private void leave(Subscriber subscriber) {
        List<Subscriber> ofCall = subscribers.get(subscriber.callId);
        if (ofCall != null) {
            ofCall.remove(subscriber);
            subscribers.computeIfPresent(subscriber.callId, (id, list) -> list.isEmpty() ? null : list);
        }
    }
}
