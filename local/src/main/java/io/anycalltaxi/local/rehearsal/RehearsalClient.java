package io.anycalltaxi.local.rehearsal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/** The public API as the apps use it, for the rehearsal: JSON, a bearer token, the drivers' CloudEvents. */
final class RehearsalClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    RehearsalClient(URI base) {
        this.base = base;
    }

    record Answer(int status, JsonNode body) {

        String text(String field) {
            return body.path(field).asText();
        }
    }

    Answer get(URI at, String path, String token) {
        return send(authorized(HttpRequest.newBuilder(at.resolve(path)), token).GET());
    }

    Answer get(String path, String token) {
        return get(base, path, token);
    }

    Answer post(String path, Object body, String token) {
        try {
            return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A driver's app sending an event in binary mode to {@code POST /events}. */
    Answer send(String taxiId, String token, EventType type, String callId, Record data) {
        CloudEvent event = EventFactory.fromProducer(URI.create("/drivers/" + taxiId), type, callId, data);
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve("/events")), token);
        CloudEventHttp.headers(event).forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return expect(send(request.POST(HttpRequest.BodyPublishers.ofByteArray(CloudEventHttp.body(event)))), 202,
                type.type());
    }

    /** Asks until the answer is what is wanted. */
    Answer await(String what, java.util.function.Supplier<Answer> ask, Predicate<Answer> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer last = ask.get();
        while (!wanted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rehearsal waited in vain for " + what + "; last answer "
                        + last.status() + " " + last.body());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
            last = ask.get();
        }
        return last;
    }

    static Answer expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Answer(response.statusCode(), body.length == 0 ? JSON.missingNode() : readOrText(body));
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + request.build().uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
