package io.anycalltaxi.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * A Knative Service stand-in that the broker tests' Triggers deliver to (test-eventing/): each path
 * answers in its own way, and every delivery is recorded with its arrival time.
 * <ul>
 * <li>{@code /reply}: 200 with a reply event ({@code test.reply.produced})</li>
 * <li>{@code /accepted-with-headers}: 202 carrying ce-* headers, which must not count as a reply</li>
 * <li>{@code /fail}: 503</li>
 * <li>{@code /reject}: 400</li>
 * <li>{@code /poison}: 503 for an event whose subject starts with "poison", 202 for the others</li>
 * <li>{@code /invalid-reply}: 200 with a CloudEvent's headers but no id: no valid reply</li>
 * <li>{@code /flaky-dead-letters}: a dead-letter sink that answers 503 to the first three tries of each event</li>
 * <li>{@code /slow}: 202 after 300 ms</li>
 * <li>{@code /held}: 202 once {@link #release()} lets it go, after a {@link #hold()}</li>
 * <li>anything else: 202</li>
 * </ul>
 */
public final class TestSubscriber implements AutoCloseable {

    public static final String NAME = "test-subscriber";
    public static final Duration SLOW = Duration.ofMillis(300);
    private static final Duration HELD_AT_MOST = Duration.ofSeconds(60);

    private final HttpServer server;
    private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public record Delivery(CloudEvent event, Instant at) {
    }

    public TestSubscriber() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a thread per request: held requests must not keep the other paths waiting
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What reached this path, in order of arrival. */
    public List<Delivery> deliveries(String path) {
        return new ArrayList<>(deliveries.getOrDefault(path, List.of()));
    }

    public List<Delivery> deliveriesOf(String path, String eventId) {
        return deliveries(path).stream().filter(d -> d.event().getId().equals(eventId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        HttpHeaders headers = new HttpHeaders();
        exchange.getRequestHeaders().forEach(headers::addAll);
        CloudEvent event = CloudEventHttp.read(headers, exchange.getRequestBody().readAllBytes());
        deliveries.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Delivery(event, Instant.now()));
        switch (path) {
            case "/reply" -> answer(exchange, 200, CloudEventBuilder.v1().withId("reply-" + event.getId())
                    .withSource(URI.create("/tests/subscriber")).withType("test.reply.produced")
                    .withSubject(event.getSubject()).build());
            case "/accepted-with-headers" -> answer(exchange, 202, CloudEventBuilder.v1()
                    .withId("echo-" + event.getId()).withSource(URI.create("/tests/subscriber"))
                    .withType("test.accepted.echo").build());
            case "/fail" -> answer(exchange, 503, "down for the test");
            case "/reject" -> answer(exchange, 400, "this event is wrong");
            case "/poison" -> answer(exchange, String.valueOf(event.getSubject()).startsWith("poison") ? 503 : 202, "");
            case "/invalid-reply" -> {
                exchange.getResponseHeaders().add("ce-specversion", "1.0");
                exchange.getResponseHeaders().add("ce-type", "test.reply.produced");
                answer(exchange, 200, "");
            }
            case "/flaky-dead-letters" -> answer(exchange, deliveriesOf(path, event.getId()).size() <= 3 ? 503 : 202, "");
            case "/slow" -> {
                sleep(SLOW);
                answer(exchange, 202, "");
            }
            case "/held" -> {
                awaitRelease();
                answer(exchange, 202, "");
            }
            default -> answer(exchange, 202, "");
        }
    }

    /** From now on, /held answers only once released. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    private void awaitRelease() {
        try {
            held.await(HELD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, CloudEvent event) throws IOException {
        CloudEventHttp.headers(event).forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
