package io.anycalltaxi.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port standing in for a service that cannot run here (a
 * payment gateway, an SMS provider) or that a test wants to fail on cue: it answers what the test
 * scripts, in turn, repeating the last answer, and records every request.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply last = Reply.json(200, "{}");
    private final CountDownLatch closing = new CountDownLatch(1);

    public record Request(String method, String path, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * What to answer, after {@code delay}; {@link #silence()} never answers, to make the caller time out.
     */
    public record Reply(int status, String contentType, String body, Duration delay) {

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Duration.ZERO);
        }

        /** The same answer, given only after this long: a slow service. */
        public Reply after(Duration wait) {
            return new Reply(status, contentType, body, wait);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        public static Reply silence() {
            return new Reply(0, null, null);
        }
    }

    public ScriptedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers these in turn, then the last one for ever; forgets earlier requests. */
    public void script(Reply... replies) {
        script.clear();
        requests.clear();
        script.addAll(Arrays.asList(replies).subList(0, replies.length - 1));
        last = replies[replies.length - 1];
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Reply scripted = script.poll();
        Reply reply = scripted == null ? last : scripted;
        if (reply.status() == 0) {
            awaitClosing();
            exchange.close();
            return;
        }
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
