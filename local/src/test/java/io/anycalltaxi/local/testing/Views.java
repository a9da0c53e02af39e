package io.anycalltaxi.local.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;

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

    /** A view that never shows it fails with the trip as stored beside it: was the event made, or not projected? */
    public static JsonNode awaitView(String callId, Predicate<JsonNode> shows, Duration atMost) {
        try {
            return await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> Api.operator().get("/trips/" + callId).body(), view -> view.has("callId")
                            && shows.test(view));
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(timeout.getMessage() + "\nThe trip as stored: " + Money.stored(callId)
                    .map(Views::summary).orElse("none") + "\nIts dead letters: " + Console.deadLetters().stream()
                    .filter(letter -> letter.toString().contains(callId))
                    .map(letter -> letter.path("type").asText() + " " + letter.path("knativeerrorcode").asText() + " from "
                            + letter.path("knativeerrordest").asText()).toList(), timeout);
        }
    }

    private static String summary(Document trip) {
        Document shown = new Document();
        List.of("status", "version", "fee", "refunds", "flags", "outbox").forEach(field -> shown.put(field,
                trip.get(field)));
        shown.put("charges", trip.getList("charges", Document.class, List.of()).stream().map(charge -> {
            Document attempt = new Document(charge);
            attempt.remove("cardToken"); // no card token in a test's output either
            return attempt;
        }).toList());
        shown.put("events", trip.getList("events", Document.class, List.of()).stream()
                .map(event -> event.get("type") + " " + event.get("_id") + " from " + event.get("source") + " at "
                        + event.getDate("time").toInstant()).toList());
        return shown.toJson();
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
