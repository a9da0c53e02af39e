package io.anycalltaxi.projectview;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * F5: the customer's view as a stream of Server-Sent Events. Every change of the view (a stage,
 * the status, the taxi's position) is sent as an {@code event: view} carrying the whole view, with
 * the view's version as the event id, so a client that reconnects with {@code Last-Event-ID} gets
 * only what is newer. Changes made here are pushed at once; a poll catches those made by other
 * instances of this function.
 */
@Component
class TripStreams {

    private final TripViews views;
    private final Duration timeout;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    TripStreams(TripViews views, @Value("${anycalltaxi.view.stream-timeout:9m}") Duration timeout) {
        this.views = views;
        this.timeout = timeout;
    }

    private static final class Subscriber {
        private final String callId;
        private final SseEmitter emitter;
        private final Function<TripView, Object> shown;
        private long sentVersion;

        Subscriber(String callId, SseEmitter emitter, Function<TripView, Object> shown, long sentVersion) {
            this.callId = callId;
            this.emitter = emitter;
            this.shown = shown;
            this.sentVersion = sentVersion;
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
        push(subscriber);
        return emitter;
    }

    @EventListener
    void changed(TripViews.ViewChanged change) {
        subscribers.getOrDefault(change.callId(), List.of()).forEach(this::push);
    }

    @Scheduled(fixedDelayString = "${anycalltaxi.view.stream-poll:1s}")
    void poll() {
        subscribers.values().forEach(list -> list.forEach(this::push));
    }

    private void push(Subscriber subscriber) {
        synchronized (subscriber) {
            views.find(subscriber.callId).filter(view -> view.version() > subscriber.sentVersion).ifPresent(view -> {
                try {
                    subscriber.emitter.send(SseEmitter.event().id(Long.toString(view.version())).name("view")
                            .data(subscriber.shown.apply(view), MediaType.APPLICATION_JSON));
                    subscriber.sentVersion = view.version();
                } catch (IOException | IllegalStateException gone) {
                    leave(subscriber);
                }
            });
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
