package io.anycalltaxi.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A browser's EventSource, in short: reads a text/event-stream as it arrives. */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Message(String id, String event, JsonNode data) {
    }

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile int status;
    private volatile String contentType;

    /** @param token the bearer token to subscribe with; null for a share link's stream */
    public SseClient(URI url, String lastEventId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        reader = new Thread(() -> read(request.build()), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            lines = response.body();
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        received.add(new Message(id, event, JSON.readTree(data.toString())));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (lines != null) {
                return; // closed by this client
            }
            throw e instanceof UncheckedIOException unchecked ? unchecked : new UncheckedIOException((IOException) e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Message> received() {
        return new ArrayList<>(received);
    }

    /** The answer's status, once it came. */
    public int awaitStatus() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status, answered -> answered != 0);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
