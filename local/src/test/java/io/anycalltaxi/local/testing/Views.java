package io.anycalltaxi.local.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The customer's view of a call ({@code GET /trips/{callId}}), awaited until it shows what a test
 * expects; read as an operator, who may read any trip.
 */
public final class Views {

    private Views() {
    }

    public static JsonNode awaitView(String callId, Predicate<JsonNode> shows) {
        return awaitView(callId, shows, Duration.ofSeconds(60));
    }

    public static JsonNode awaitView(String callId, Predicate<JsonNode> shows, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> Api.operator().get("/trips/" + callId).body(), view -> view.has("callId") && shows.test(view));
    }

    public static JsonNode awaitStatus(String callId, String status) {
        return awaitView(callId, view -> status.equals(view.path("status").asText()));
    }

    public static List<String> timeline(JsonNode view) {
        return StreamSupport.stream(view.path("timeline").spliterator(), false).map(s -> s.path("type").asText())
                .toList();
    }

    public static Predicate<JsonNode> hasInTimeline(String type) {
        return view -> timeline(view).contains(type);
    }

    public static long count(JsonNode view, String type) {
        return timeline(view).stream().filter(type::equals).count();
    }
}
