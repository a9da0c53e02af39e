package io.anycalltaxi.local.dispatch;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.count;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * Nobody takes the call. Each dispatch tick after the wait reminds the customer
 * (call.waiting, counted) and offers the call further out; past the limit the call expires and the
 * member may call again. The tests' settings: a reminder 2 s after the call or the last reminder,
 * expiry 8 s after the call; the tick is fired by the test (as the PingSource would, every minute).
 */
@ExtendWith(SharedStack.class)
class RemindersAndExpiryTest {

    private final Api api = Api.gateway();

    @Test
    void anUntakenCallIsRemindedOnTicksThenExpires() {
        Rider rider = Rider.signUp(api);
        Place nowhere = Rider.somewhere();
        String callId = rider.call(nowhere, Rider.near(nowhere, 1_000));
        awaitView(callId, view -> timeline(view).contains("call.offered"));

        tickUntil(callId, view -> count(view, "call.waiting") >= 1);
        tickUntil(callId, view -> count(view, "call.waiting") >= 2);
        JsonNode expired = tickUntil(callId, view -> "EXPIRED".equals(view.path("status").asText()));

        assertThat(timeline(expired)).containsSubsequence("call.requested", "call.offered", "call.waiting",
                "call.waiting", "call.expired");
        List<String> kinds = StreamSupport.stream(expired.path("notifications").spliterator(), false)
                .map(n -> n.path("kind").asText()).toList();
        assertThat(kinds).contains("call-waiting", "call-expired");
        assertThat(rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", nowhere,
                "dropoff", Rider.near(nowhere, 2_000))).status()).as("a new call after expiry").isEqualTo(201);
    }

    @Test
    void twoTicksAtOnceRemindOnce() {
        Rider rider = Rider.signUp(api);
        Place nowhere = Rider.somewhere();
        String callId = rider.call(nowhere, Rider.near(nowhere, 1_000));
        awaitView(callId, view -> timeline(view).contains("call.offered"));
        await().atMost(Duration.ofSeconds(10)).until(() -> secondsSinceCall(callId) >= 2.2);

        CompletableFuture.allOf(CompletableFuture.runAsync(() -> Console.firePing("dispatch-tick")),
                CompletableFuture.runAsync(() -> Console.firePing("dispatch-tick"))).join();
        awaitView(callId, view -> count(view, "call.waiting") >= 1);
        Broker.awaitAllDelivered();

        JsonNode view = Api.operator().get("/trips/" + callId).body();
        assertThat(count(view, "call.waiting")).isEqualTo(1);
        long waitingTexts = StreamSupport.stream(view.path("notifications").spliterator(), false)
                .filter(n -> n.path("kind").asText().equals("call-waiting")).count();
        assertThat(waitingTexts).isEqualTo(1);
        assertThat(view.path("status").asText()).isEqualTo("REQUESTED");
    }

    /** Fires a tick now and then, as the PingSource would, until the view shows what is expected. */
    private JsonNode tickUntil(String callId, Predicate<JsonNode> shows) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Console.firePing("dispatch-tick");
            return Api.operator().get("/trips/" + callId).body();
        }, shows);
    }

    private double secondsSinceCall(String callId) {
        JsonNode view = Api.operator().get("/trips/" + callId).body();
        return Duration.between(Instant.parse(view.path("requestedAt").asText()), Instant.now())
                .toMillis() / 1000.0;
    }
}
