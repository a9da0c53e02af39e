package io.anycalltaxi.local.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** The local runtime's console (control plane), as the local operator: dead letters, functions, pings. */
public final class Console {

    private Console() {
    }

    private static Api api() {
        return Api.operator().at(SharedStack.stack().controlPlane());
    }

    public static List<JsonNode> deadLetters() {
        JsonNode all = api().get("/dead-letters").body();
        return new ArrayList<>(StreamSupport.stream(all.spliterator(), false).toList());
    }

    public static Optional<JsonNode> deadLetter(String eventId) {
        return deadLetters().stream().filter(d -> d.path("id").asText().equals(eventId)).findFirst();
    }

    /** Waits until the event is in the dead-letter sink. */
    public static JsonNode awaitDeadLetter(String eventId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(eventId), Optional::isPresent).get();
    }

    public static void firePing(String pingSource) {
        api().post("/pingsources/" + pingSource + "/fire", "application/json", "");
    }
}
