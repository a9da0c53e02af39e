package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.count;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * With the broker's ingress down, what functions emit on their own (a reminder and an expiry on
 * the dispatch tick, {@code member.registered} on a sign-up) stays in their outboxes, and reaches
 * everyone once the broker is back and a tick runs the relays; each in effect once. The tests'
 * settings: a reminder 2 s after the call, expiry after 8 s, the relay takes entries older than 1 s.
 */
@ExtendWith(SharedStack.class)
class BrokerOutageTest {

    private final Api api = Api.gateway();

    @Test
    void whatFunctionsEmitWhileTheBrokerIsDownIsDeliveredOnceItIsBack() throws InterruptedException {
        Rider waiting = Rider.signUp(api);
        Place nowhere = Rider.somewhere();
        String callId = waiting.call(nowhere, Rider.near(nowhere, 1_000));
        awaitView(callId, hasInTimeline("call.offered"));
        Rider newcomer;
        closeIngress(true);
        try {
            tickUntil(() -> storedTrip(callId).getList("outbox", String.class).size() >= 2);
            newcomer = Rider.signUp(api);
            tickUntil(() -> "EXPIRED".equals(storedTrip(callId).getString("status")));
            assertThat(storedTrip(callId).getList("outbox", String.class)).as("the reminder and the expiry wait")
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(outboxOf(newcomer.memberId)).hasSize(1);
            JsonNode view = Api.operator().get("/trips/" + callId).body();
            assertThat(view.path("status").asText()).isEqualTo("REQUESTED");
        } finally {
            closeIngress(false);
        }

        JsonNode expired = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Console.firePing("dispatch-tick");
            return Api.operator().get("/trips/" + callId).body();
        }, view -> "EXPIRED".equals(view.path("status").asText()));
        String memberRegistered = "member-" + newcomer.memberId;
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !SharedStack.subscriber().deliveriesOf("/record-members", memberRegistered).isEmpty());
        assertThat(SharedStack.stack().broker().awaitDelivered(Duration.ofSeconds(30))).isTrue();

        JsonNode view = Api.operator().get("/trips/" + callId).body();
        assertThat(count(view, "call.waiting")).as("one reminder per tick that found it waiting")
                .isEqualTo(count(expired, "call.waiting")).isPositive();
        assertThat(count(view, "call.expired")).isEqualTo(1);
        assertThat(texts(view, "call-expired")).isEqualTo(1);
        assertThat(texts(view, "call-waiting")).isEqualTo(count(view, "call.waiting"));
        assertThat(SharedStack.subscriber().deliveriesOf("/record-members", memberRegistered)).hasSize(1);
        assertThat(outboxOf(newcomer.memberId)).isEmpty();
        assertThat(storedTrip(callId).getList("outbox", String.class)).isEmpty();
    }

    /** Fires a tick now and then, as the PingSource would, until the trip shows it. */
    private static void tickUntil(Callable<Boolean> shown) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Console.firePing("dispatch-tick");
            return shown.call();
        });
    }

    private static void closeIngress(boolean closed) {
        assertThat(Api.operator().at(SharedStack.stack().controlPlane()).put("/broker/ingress",
                Map.of("open", !closed)).status()).isEqualTo(200);
    }

    private static long texts(JsonNode view, String kind) {
        return StreamSupport.stream(view.path("notifications").spliterator(), false)
                .filter(n -> n.path("kind").asText().equals(kind)).count();
    }

    private static Document storedTrip(String callId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            return mongo.getDatabase("anycalltaxi").getCollection("trips").find(new Document("_id", callId)).first();
        }
    }

    private static List<Document> outboxOf(String memberId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            Document member = mongo.getDatabase("anycalltaxi").getCollection("members")
                    .find(new Document("_id", memberId)).first();
            return member.getList("outbox", Document.class, List.of());
        }
    }
}
