package io.anycalltaxi.local.surge;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * Through the gateway: a burst of calls beyond create-call's limits (40 a second, 12 at
 * a time here) is partly refused with 429 and Retry-After; nothing fails; every call accepted is
 * stored and shows in the customer's view.
 */
@ExtendWith(SharedStack.class)
class SurgeTest {

    private static final int CALLERS = 120;

    private final Api api = Api.gateway();
    /** The accepted calls, and who made them. */
    private final Map<String, Rider> accepted = new LinkedHashMap<>();

    /** The accepted calls are cancelled: left open, they would weigh on every later dispatch tick. */
    @AfterEach
    void cancelAccepted() {
        accepted.forEach((callId, rider) -> assertThat(rider.api.post("/calls/" + callId + "/cancel", Map.of()).status())
                .isEqualTo(200));
        Broker.awaitAllDelivered();
    }

    @AfterEach
    void limitsRecovered() {
        RateLimiter calls = SharedStack.stack().function("create-call").context().getBean(RateLimiterRegistry.class)
                .rateLimiter("calls");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.getMetrics().getAvailablePermissions()
                == calls.getRateLimiterConfig().getLimitForPeriod());
    }

    @Test
    void aBurstIsPartlyRefusedWithRetryAfterAndEveryAcceptedCallIsStoredAndSeen() throws Exception {
        List<Rider> riders = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            riders.add(Rider.signUp(api));
        }
        limitsRecovered();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (Rider rider : riders) {
            answers.add(callers.submit(() -> {
                go.await();
                Place pickup = Rider.somewhere();
                return rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", pickup,
                        "dropoff", Rider.near(pickup, 2_000)));
            }));
        }
        go.countDown();
        List<Api.Response> answered = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            answered.add(answer.get());
        }
        callers.shutdown();

        assertThat(answered).extracting(Api.Response::status).containsOnly(201, 429).contains(201, 429);
        assertThat(answered).filteredOn(a -> a.status() == 429).allSatisfy(refused -> {
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        });
        for (int i = 0; i < CALLERS; i++) {
            if (answered.get(i).status() == 201) {
                accepted.put(answered.get(i).text("callId"), riders.get(i));
            }
        }
        accepted.keySet().forEach(callId -> awaitView(callId, view -> "REQUESTED".equals(view.path("status").asText())
                || view.path("timeline").size() > 0));
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            var trips = mongo.getDatabase("anycalltaxi").getCollection("trips");
            for (int i = 0; i < CALLERS; i++) {
                long stored = trips.countDocuments(new Document("memberId", riders.get(i).memberId));
                assertThat(stored).as(riders.get(i).memberId).isEqualTo(answered.get(i).status() == 201 ? 1 : 0);
            }
        }
    }
}
