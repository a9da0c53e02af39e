package io.anycalltaxi.driveringress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.testing.TestIdentity;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * The drivers' way in, in front of a broker played by a local HTTP server: a driver's own events
 * go through with the time of receipt and this function's identity; anything else is refused and
 * never reaches the broker.
 */
@FunctionTest(properties = "spring.config.name=driver-ingress")
class DriverEventsTest {

    private static final ScriptedHttpServer BROKER = new ScriptedHttpServer();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("K_SINK", BROKER::url);
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void brokerTakesEverything() {
        BROKER.script(Reply.json(202, ""));
    }

    private HttpResponse<byte[]> send(CloudEvent event, String token) {
        return token == null ? CloudEventClient.postBinary(url(), event)
                : CloudEventClient.postBinary(url(), event, TestIdentity.bearer(token));
    }

    private String url() {
        return "http://localhost:" + port + "/events";
    }

    private static CloudEvent accepted(String taxiId, String source) {
        return CloudEventClient.event(EventType.DRIVER_CALL_ACCEPTED, source, "call-1", new CallAccepted("call-1", taxiId));
    }

    @Test
    void aDriversOwnEventReachesTheBrokerStampedOnReceipt() {
        CloudEvent event = CloudEventBuilder.from(accepted("taxi-7", "/drivers/taxi-7"))
                .withTime(OffsetDateTime.parse("2020-01-01T00:00:00Z")).withExtension("tripsequence", 99).build();
        Instant before = Instant.now();

        assertThat(send(event, TestIdentity.driver("taxi-7")).statusCode()).isEqualTo(202);

        assertThat(BROKER.requests()).hasSize(1);
        ScriptedHttpServer.Request forwarded = BROKER.requests().get(0);
        assertThat(forwarded.header("ce-id")).isEqualTo(event.getId());
        assertThat(forwarded.header("ce-type")).isEqualTo(EventType.DRIVER_CALL_ACCEPTED.type());
        assertThat(Instant.parse(forwarded.header("ce-time"))).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(forwarded.header("ce-tripsequence")).as("no extension the app may not set").isNull();
        assertThat(forwarded.header("authorization")).as("the ingress's own identity").startsWith("Bearer ");
    }

    @Test
    void withoutATokenNothingIsTaken() {
        assertThat(send(accepted("taxi-7", "/drivers/taxi-7"), null).statusCode()).isEqualTo(401);
        assertThat(BROKER.requests()).isEmpty();
    }

    @Test
    void aSystemEventFromADriverIsForbidden() {
        CloudEvent forged = CloudEventClient.event(EventType.TRIP_COMPLETED, "/drivers/taxi-7", "call-1",
                new TripCompleted("call-1", Money.won(1000), "pay-1"));

        assertThat(send(forged, TestIdentity.driver("taxi-7")).statusCode()).isEqualTo(403);
        assertThat(BROKER.requests()).isEmpty();
    }

    @Test
    void anEventInAnotherTaxisNameIsForbidden() {
        assertThat(send(accepted("taxi-8", "/drivers/taxi-8"), TestIdentity.driver("taxi-7")).statusCode()).isEqualTo(403);
        assertThat(send(accepted("taxi-8", "/drivers/taxi-7"), TestIdentity.driver("taxi-7")).statusCode()).isEqualTo(403);
        assertThat(BROKER.requests()).isEmpty();
    }

    @Test
    void aCustomerIsNoDriver() {
        assertThat(send(accepted("taxi-7", "/drivers/taxi-7"), TestIdentity.customer("member-1")).statusCode())
                .isEqualTo(403);
        assertThat(BROKER.requests()).isEmpty();
    }

    @Test
    void aMalformedEventIsABadRequest() {
        HttpResponse<byte[]> answer = CloudEventClient.postRaw(url(), "application/json", "{\"callId\":\"x\"}",
                TestIdentity.bearer(TestIdentity.driver("taxi-7")));
        CloudEvent unknownType = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/drivers/taxi-7"))
                .withType("io.anycalltaxi.driver.teleported").withDataContentType("application/json")
                .withData("{\"taxiId\":\"taxi-7\"}".getBytes()).build();

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(send(unknownType, TestIdentity.driver("taxi-7")).statusCode()).isEqualTo(400);
        assertThat(BROKER.requests()).isEmpty();
    }
}
