package io.anycalltaxi.endtrippay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.trip.Flag;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripEvent;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The time limit / retry rules: end-trip-pay calls payment through a retry with
 * backoff (transient failures only) inside a circuit breaker; while payment is down it answers 503
 * so that the broker redelivers, and the trip waits in ENDED.
 */
@FunctionTest(properties = "spring.config.name=end-trip-pay")
class PaymentResilienceTest {

    private static final String APPROVED = "{\"paymentId\":\"pay_1\",\"status\":\"APPROVED\",\"amount\":14000,"
            + "\"currency\":\"KRW\",\"cardLast4\":\"4242\"}";
    private static final Reply DOWN = Reply.json(503, "{\"title\":\"down\"}");

    /** payment as end-trip-pay sees it over HTTP, failing on cue. */
    private static final ScriptedHttpServer PAYMENT = new ScriptedHttpServer();

    @DynamicPropertySource
    static void payment(DynamicPropertyRegistry registry) {
        registry.add("anycalltaxi.payment.url", PAYMENT::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    @Autowired
    MongoOperations mongo;

    @Autowired
    CircuitBreakerRegistry breakers;

    private CircuitBreaker breaker;

    @BeforeEach
    void closedBreaker() {
        breaker = breakers.circuitBreaker("payment");
        breaker.reset();
    }

    private HttpResponse<byte[]> deliver(CloudEvent ended) {
        return CloudEventClient.postBinary("http://localhost:" + port + "/", ended, TestIdentity.delivery("end-trip-pay"));
    }

    @Test
    void aTransientFailureIsRetriedAndTheChargeGoesThrough() {
        PAYMENT.script(DOWN, Reply.json(201, APPROVED));
        CloudEvent ended = EndedTrips.endedRide(mongo, trips);

        HttpResponse<byte[]> answer = deliver(ended);

        assertThat(answer.statusCode()).as("the outcome is published, not answered").isEqualTo(202);
        Trip paid = trips.find(ended.getSubject()).orElseThrow();
        assertThat(paid.payment()).isPresent();
        assertThat(paid.events()).extracting(TripEvent::type).contains(EventType.PAYMENT_COMPLETED.type());
        assertThat(PAYMENT.requests().size()).isEqualTo(2);
    }

    @Test
    void aRefusedRequestIsNotRetriedAndIsAFinalStateOfTheTripForOperators() {
        PAYMENT.script(Reply.json(422, "{}"));
        CloudEvent ended = EndedTrips.endedRide(mongo, trips);

        HttpResponse<byte[]> answer = deliver(ended);
        HttpResponse<byte[]> again = deliver(ended);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(PAYMENT.requests().size()).isEqualTo(1);
        Trip refused = trips.find(ended.getSubject()).orElseThrow();
        assertThat(refused.status()).isEqualTo(TripStatus.PAYMENT_FAILED);
        assertThat(refused.isFlagged(Flag.Kind.PAYMENT_REFUSED)).isTrue();
    }

    @Test
    void whilePaymentIsDownTheTripWaitsAndTheBreakerOpensThenAnswersWithoutCallingIt() throws Exception {
        PAYMENT.script(DOWN);
        CloudEvent first = EndedTrips.endedRide(mongo, trips);
        CloudEvent second = EndedTrips.endedRide(mongo, trips);

        assertThat(deliver(first).statusCode()).isEqualTo(503);
        assertThat(deliver(second).statusCode()).isEqualTo(503);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhileClosed = PAYMENT.requests().size();

        CloudEvent third = EndedTrips.endedRide(mongo, trips);
        HttpResponse<byte[]> whileOpen = deliver(third);

        assertThat(whileOpen.statusCode()).isEqualTo(503);
        assertThat(new String(whileOpen.body(), StandardCharsets.UTF_8)).contains("payment is unavailable");
        assertThat(PAYMENT.requests().size()).as("payment was not called while the breaker is open").isEqualTo(callsWhileClosed);
        assertThat(trips.find(first.getSubject()).orElseThrow().status()).isEqualTo(TripStatus.ENDED);
        assertThat(trips.find(third.getSubject()).orElseThrow().status()).isEqualTo(TripStatus.ENDED);

        String actuator = new String(CloudEventClient.get("http://localhost:" + port + "/actuator/circuitbreakers",
                TestIdentity.bearer(TestIdentity.operator()))
                .body(), StandardCharsets.UTF_8);
        assertThat(actuator).contains("\"payment\"", "\"state\":\"OPEN\"");
    }
}
