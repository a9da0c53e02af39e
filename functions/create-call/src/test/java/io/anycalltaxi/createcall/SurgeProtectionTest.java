package io.anycalltaxi.createcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClients;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.events.DispatchTick;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.EmbeddedMongo;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.testing.TcpProxy;
import io.anycalltaxi.core.testing.TripFixtures;
import io.anycalltaxi.core.trip.store.TripDocument;
import io.cloudevents.CloudEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * Create-call alone: a burst beyond its limits is partly refused with 429 and nothing
 * fails; with MongoDB or the broker failing, calls are refused with 503, fast once the breaker is
 * open, leaving nothing half-written; calls accepted before the broker failed reach it later.
 */
@FunctionTest(properties = { "spring.config.name=create-call", "anycalltaxi.mongo.server-selection-timeout=500ms",
        "resilience4j.ratelimiter.instances.calls.limit-for-period=10",
        "resilience4j.ratelimiter.instances.calls.limit-refresh-period=2s",
        "resilience4j.bulkhead.instances.calls.max-concurrent-calls=5",
        "resilience4j.circuitbreaker.configs.dependency.wait-duration-in-open-state=1s",
        "anycalltaxi.outbox.grace=0s" })
class SurgeProtectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ScriptedHttpServer BROKER = new ScriptedHttpServer();
    private static final TcpProxy MONGODB = new TcpProxy(URI.create(EmbeddedMongo.uri()).getPort());

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("K_SINK", BROKER::url);
        registry.add("MONGODB_URI", () -> "mongodb://127.0.0.1:" + MONGODB.port() + "/anycalltaxi");
    }

    @LocalServerPort
    int port;

    /** The test's own view of MongoDB, straight to the server, not through the proxy it cuts. */
    private static final MongoOperations mongo = new MongoTemplate(MongoClients.create(EmbeddedMongo.uri()), "anycalltaxi");

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    RateLimiterRegistry rateLimiters;

    private record Answer(int status, JsonNode body, String retryAfter) {
    }

    @BeforeEach
    void allWell() {
        MONGODB.restore();
        BROKER.script(Reply.json(202, ""));
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        RateLimiter calls = rateLimiters.rateLimiter(SurgeProtection.CALLS);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.getMetrics().getAvailablePermissions()
                == calls.getRateLimiterConfig().getLimitForPeriod());
    }

    @AfterEach
    void mongodbBack() {
        MONGODB.restore();
    }

    private String member() {
        return TripFixtures.member(mongo, Language.EN, "+82101" + System.nanoTime() % 10_000_000, "+821099998888")
                .memberId();
    }

    private Answer call(String memberId) {
        try {
            var pickup = Places.fresh();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/calls"))
                    .header("Content-Type", "application/json")
                    .headers(TestIdentity.bearer(TestIdentity.customer(memberId)))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("memberId", memberId,
                            "pickup", pickup, "dropoff", Places.north(pickup, 3_000)))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode actuator(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/" + path))
                    .headers(TestIdentity.bearer(TestIdentity.operator())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double metric(String name, String... tags) {
        return actuator("metrics/" + name + "?" + Arrays.stream(tags).map(tag -> "tag=" + tag).collect(Collectors.joining("&")))
                .path("measurements").path(0).path("value").asDouble(Double.NaN);
    }

    private boolean nothingStoredFor(String memberId) {
        return mongo.count(query(where("memberId").is(memberId)), TripDocument.class) == 0
                && mongo.count(query(where("_id").is(memberId)), ActiveCalls.ActiveCall.class) == 0;
    }

    @Test
    void aBurstBeyondTheLimitsIsPartlyRefusedWith429AndNothingFails() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(member());
        }
        ExecutorService callers = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (String memberId : members) {
            answers.add(callers.submit(() -> {
                go.await();
                return call(memberId);
            }));
        }
        go.countDown();
        List<Answer> answered = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            answered.add(answer.get());
        }
        callers.shutdown();

        assertThat(answered).extracting(Answer::status).containsOnly(201, 429).contains(201, 429);
        assertThat(answered).filteredOn(a -> a.status() == 429).allSatisfy(refused -> {
            assertThat(refused.retryAfter()).isNotNull();
            assertThat(refused.body().path("detail").asText()).contains("try again shortly");
        });
        for (int i = 0; i < members.size(); i++) {
            String memberId = members.get(i);
            if (answered.get(i).status() == 429) {
                assertThat(nothingStoredFor(memberId)).as("refused " + memberId).isTrue();
            } else {
                String callId = answered.get(i).body().path("callId").asText();
                assertThat(mongo.findById(callId, TripDocument.class)).as("stored " + callId).isNotNull();
                assertThat(BROKER.requests()).anySatisfy(r -> assertThat(r.header("ce-subject")).isEqualTo(callId));
            }
        }
    }

    @Test
    void theLimitsAndTheBreakersAreVisibleThroughActuator() {
        assertThat(metric("resilience4j.bulkhead.max.allowed.concurrent.calls", "name:calls")).isEqualTo(5.0);
        assertThat(metric("resilience4j.ratelimiter.available.permissions", "name:calls")).isEqualTo(10.0);
        assertThat(actuator("ratelimiters").path("rateLimiters")).extracting(JsonNode::asText).contains("calls");
        assertThat(actuator("circuitbreakers").path("circuitBreakers").path("broker").path("state").asText())
                .isEqualTo("CLOSED");
        assertThat(metric("resilience4j.circuitbreaker.state", "name:storage", "state:closed")).isEqualTo(1.0);
    }

    @Test
    void withMongoDbDownCallsAreRefusedWith503FastOnceTheBreakerOpens() {
        MONGODB.cut();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refused.add("member-while-down-" + i);
            Answer answer = call(refused.get(i));
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.retryAfter()).isNotNull();
        }
        assertThat(breakers.circuitBreaker(SurgeProtection.STORAGE).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(actuator("circuitbreakers").path("circuitBreakers").path("storage").path("state").asText())
                .isEqualTo("OPEN");
        assertThat(metric("resilience4j.circuitbreaker.state", "name:storage", "state:open")).isEqualTo(1.0);
        String whileOpen = member();
        assertThat(call(whileOpen).status()).as("refused by the open breaker, without trying MongoDB").isEqualTo(503);

        MONGODB.restore();
        String afterwards = member();
        await().atMost(Duration.ofSeconds(10)).until(() -> call(afterwards).status() == 201);
        assertThat(nothingStoredFor(whileOpen)).isTrue();
        refused.forEach(memberId -> assertThat(nothingStoredFor(memberId)).isTrue());
    }

    @Test
    void callsTakenWhileTheBrokerFailsReachItLaterAndOnceItIsKnownDownCallsAreRefused() {
        BROKER.script(Reply.json(503, "{}"));
        List<String> accepted = new ArrayList<>();
        CircuitBreaker broker = breakers.circuitBreaker(SurgeProtection.BROKER);
        while (broker.getState() != CircuitBreaker.State.OPEN) {
            Answer answer = call(member());
            assertThat(answer.status()).as("taken, its event kept for later").isEqualTo(201);
            accepted.add(answer.body().path("callId").asText());
        }
        String refusedMember = member();
        Answer refused = call(refusedMember);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfter()).isNotNull();
        assertThat(nothingStoredFor(refusedMember)).isTrue();

        BROKER.script(Reply.json(202, ""));
        CloudEvent tick = CloudEventClient.event(EventType.DISPATCH_TICK, "/apis/v1/namespaces/anycalltaxi/pingsources/dispatch-tick",
                null, new DispatchTick());
        assertThat(CloudEventClient.postBinary("http://127.0.0.1:" + port + "/", tick,
                TestIdentity.delivery("create-call")).statusCode()).as("the relay runs on the tick").isEqualTo(202);
        assertThat(accepted).allSatisfy(callId -> assertThat(mongo.findById(callId, TripDocument.class).outbox()).isEmpty());
        assertThat(accepted).allSatisfy(callId -> assertThat(BROKER.requests())
                .anySatisfy(r -> assertThat(r.header("ce-subject")).isEqualTo(callId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> call(member()).status() == 201);
    }
}
