package io.anycalltaxi.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.testing.CloudEventClient;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/** The local runtime's console (control plane), as the local operator: dead letters, functions, pings. */
public final class Console {

    private Console() {
    }

    private static Api api() {
        return Api.operator().at(SharedStack.stack().controlPlane());
    }

    /** Every dead letter, page after page, oldest first. */
    public static List<JsonNode> deadLetters() {
        List<JsonNode> letters = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api().get("/dead-letters?limit=500" + (after == null ? "" : "&after=" + after)).body();
            page.path("letters").forEach(letters::add);
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return letters;
    }

    public static Api.Response redrive(String position) {
        return api().post("/dead-letters/" + position + "/redrive", "application/json", "");
    }

    /** The broker's health, as the control plane reports it. */
    public static Api.Response health() {
        return api().get("/health");
    }

    public static Api.Response get(String path) {
        return api().get(path);
    }

    public static Optional<JsonNode> deadLetter(String eventId) {
        return deadLetters().stream().filter(d -> d.path("id").asText().equals(eventId)).findFirst();
    }

    /** Waits until the event is in the dead-letter sink. */
    public static JsonNode awaitDeadLetter(String eventId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(eventId), Optional::isPresent).get();
    }

    /**
     * A letter an operator can redrive: an event the test subscriber refuses for good (Trigger
     * {@code test-reject}).
     *
     * @return its position among the dead letters
     */
    public static String aDeadLetter(String source) {
        CloudEvent rejected = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create(source)).withType("test.rejected").withSubject("dead-letter")
                .withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData("{\"hello\":\"operator\"}".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(CloudEventClient.postBinary(SharedStack.stack().brokerIngress("anycalltaxi").toString(), rejected,
                SharedStack.asServiceAccount("test-producer")).statusCode()).isEqualTo(202);
        return awaitDeadLetter(rejected.getId()).path("position").asText();
    }

    public static void firePing(String pingSource) {
        api().post("/pingsources/" + pingSource + "/fire", "application/json", "");
    }
}
