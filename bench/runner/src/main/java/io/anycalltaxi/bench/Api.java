package io.anycalltaxi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.events.Place;
import io.cloudevents.CloudEvent;

/**
 * The HTTP API as the apps use it. A request that gets no answer (refused connection, timeout) is
 * status {@link Outcomes#NO_ANSWER}: the benchmark counts it rather than stops.
 */
final class Api {

    /** Where the load's calls are made: many at one place, as at a station at rush hour, with no taxi near. */
    static final Place CITY_HALL = new Place(37.5665, 126.9780, "Seoul City Hall");
    static final Place GANGNAM = new Place(37.4979, 127.0276, "Gangnam Station");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    Api(URI base) {
        this.base = base;
    }

    record Answer(int status, JsonNode body) {

        String text(String field) {
            return body.path(field).asText();
        }
    }

    Answer call(Members.Caller caller) {
        return call(caller, CITY_HALL, GANGNAM);
    }

    Answer call(Members.Caller caller, Place pickup, Place dropoff) {
        return post("/calls", Map.of("pickup", pickup, "dropoff", dropoff), caller.token());
    }

    Answer get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token).GET());
    }

    /** @param headers more headers, names and values in turn */
    Answer post(String path, Object body, String token, String... headers) {
        try {
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve(path)), token);
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A driver's app sending an event, in binary mode, with the driver's token. */
    Answer post(String path, CloudEvent event, String token) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve(path)), token);
        HttpHeaders headers = CloudEventHttp.headers(event);
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(CloudEventHttp.body(event))));
    }

    /**
     * Follows Server-Sent Events as the web app does: each event's data, parsed, is handed to
     * {@code data} as it comes, on a thread of its own, until the stream ends or is closed.
     *
     * @return what closes the stream; empty if it was not opened (any answer but 200)
     */
    Optional<Runnable> follow(String path, String token, Consumer<JsonNode> data) {
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path)), token)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        Stream<String> lines = response.body();
        if (response.statusCode() != 200) {
            lines.close();
            return Optional.empty();
        }
        Thread.ofVirtual().start(() -> {
            try (lines) {
                lines.filter(line -> line.startsWith("data:")).map(line -> parse(line.substring(5).strip().getBytes()))
                        .forEach(data);
            } catch (UncheckedIOException closed) {
                // the follower closed it: nothing more comes
            }
        });
        return Optional.of(lines::close);
    }

    /** Anonymous when there is no token (signing in). */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            return new Answer(Outcomes.NO_ANSWER, MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcomes.NO_ANSWER, MissingNode.getInstance());
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
