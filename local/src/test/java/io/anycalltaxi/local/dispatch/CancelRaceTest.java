package io.anycalltaxi.local.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * The customer cancels at the moment a driver accepts, 200 times. The cancel goes
 * to create-call (through the gateway), the acceptance straight to assign-taxi (as the broker
 * delivers it). The cancel always stands (within the grace period it is free): if it came first,
 * the call never had a taxi and the driver is told; if the acceptance came first, the call is
 * cancelled with that taxi on it, and the taxi is free again. Never a cancelled call holding a taxi.
 */
@ExtendWith(SharedStack.class)
class CancelRaceTest {

    private static final int RACES = 200;
    private static final int AT_ONCE = 4;

    private static MongoClient mongo;
    private final Api api = Api.gateway();

    @BeforeAll
    static void connect() {
        mongo = MongoClients.create(SharedStack.stack().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        mongo.close();
    }

    private record Outcome(String callId, int cancel, String acceptance, String tripStatus, boolean hasTaxi,
            String taxiId) {
    }

    @Test
    void aCancelRacingAnAcceptanceAlwaysStandsAndNeverLeavesTheTaxiBusy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE * 2);
        List<CompletableFuture<Outcome>> races = new ArrayList<>();
        try {
            for (int i = 0; i < RACES; i++) {
                races.add(CompletableFuture.supplyAsync(() -> race(pool), pool));
                if (races.size() % AT_ONCE == 0) {
                    CompletableFuture.allOf(races.toArray(CompletableFuture[]::new)).join();
                }
            }
            List<Outcome> outcomes = races.stream().map(CompletableFuture::join).toList();

            MongoCollection<Document> taxis = mongo.getDatabase("anycalltaxi").getCollection("taxis");
            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.cancel()).isEqualTo(200);
                assertThat(outcome.tripStatus()).isEqualTo("CANCELLED");
                if (outcome.acceptance().equals(EventType.CALL_ACCEPTANCE_REJECTED.type())) {
                    assertThat(outcome.hasTaxi()).isFalse();
                } else {
                    assertThat(outcome.acceptance()).isEqualTo(EventType.TAXI_ASSIGNED.type());
                    assertThat(outcome.hasTaxi()).isTrue();
                }
            });
            await("no cancelled call holds its taxi").atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                    .noneMatch(o -> taxis.find(new Document("_id", o.taxiId()).append("busyWith", o.callId()))
                            .first() != null));
            assertThat(outcomes).extracting(Outcome::acceptance).as("both orders happen")
                    .contains(EventType.CALL_ACCEPTANCE_REJECTED.type(), EventType.TAXI_ASSIGNED.type());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome race(ExecutorService pool) {
        Rider rider = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        Driver driver = new Driver("서울55라1111", "Kang Min");
        driver.standBy(pickup);
        String callId = rider.call(pickup, Rider.near(pickup, 3_000));
        MongoCollection<Document> dispatches = mongo.getDatabase("anycalltaxi").getCollection("dispatches");
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatches.find(new Document("_id", callId)
                .append("offeredTaxiIds", driver.taxiId)).first() != null);

        String assignTaxi = SharedStack.stack().function("assign-taxi").url() + "/";
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Api.Response> cancel = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return rider.api.post("/calls/" + callId + "/cancel", "application/json", "");
        }, pool);
        CompletableFuture<HttpResponse<byte[]>> accept = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return CloudEventClient.postBinary(assignTaxi, CloudEventClient.fromDriver(EventType.DRIVER_CALL_ACCEPTED,
                    driver.taxiId, callId, new CallAccepted(callId, driver.taxiId)),
                    SharedStack.asTrigger("assign-taxi--driver-call-accepted", "assign-taxi"));
        }, pool);
        go.countDown();
        Api.Response cancelled = cancel.join();
        String acceptance = CloudEventClient.reply(accept.join()).getType();
        Document trip = mongo.getDatabase("anycalltaxi").getCollection("trips").find(new Document("_id", callId)).first();
        return new Outcome(callId, cancelled.status(), acceptance, trip.getString("status"), trip.get("taxi") != null,
                driver.taxiId);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
