package io.anycalltaxi.endtrippay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * payment as end-trip-pay sees it over HTTP, answering what a test scripts: a status per request
 * (then the last one again), an approval by default.
 */
final class PaymentStandIn {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 201;

    PaymentStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/payments", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers these statuses in turn, then {@code otherwise} for ever. */
    void answer(int otherwise, Integer... first) {
        script.clear();
        script.addAll(List.of(first));
        this.otherwise = otherwise;
        requests.set(0);
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        Integer scripted = script.poll();
        int status = scripted == null ? otherwise : scripted;
        String body = status < 300
                ? "{\"paymentId\":\"pay_1\",\"status\":\"APPROVED\",\"amount\":14000,\"currency\":\"KRW\",\"cardLast4\":\"4242\"}"
                : "{\"title\":\"down\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
