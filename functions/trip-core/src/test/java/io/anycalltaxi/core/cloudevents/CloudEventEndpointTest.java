package io.anycalltaxi.core.cloudevents;

import static io.anycalltaxi.core.testing.CloudEventClient.fromDriver;
import static io.anycalltaxi.core.testing.CloudEventClient.get;
import static io.anycalltaxi.core.testing.CloudEventClient.postBinary;
import static io.anycalltaxi.core.testing.CloudEventClient.postRaw;
import static io.anycalltaxi.core.testing.CloudEventClient.postStructured;
import static io.anycalltaxi.core.testing.CloudEventClient.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

@FunctionTest(properties = "spring.application.name=boarding")
class CloudEventEndpointTest {

    /** As the broker delivers: with a Trigger's token for this function. */
    private static final String[] AS_BROKER = TestIdentity.delivery("boarding");


    private static final Place PICKUP = new Place(37.5663, 126.9779, "Seoul City Hall");

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    private String url;
    private String callId;

    @BeforeEach
    void newAssignedCall() {
        url = "http://localhost:" + port + "/";
        callId = UUID.randomUUID().toString();
        Cause cause = new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), Instant.now());
        trips.createAndQueue(Trip.request(callId, "member-1", PICKUP, PICKUP, Money.won(4_800), cause));
        trips.change(callId, cause("accept"), t -> t.assign("taxi-1", "서울12가3456", "Kim", 60, cause("accept")));
    }

    private static Cause cause(String id) {
        return new Cause(id + "-" + UUID.randomUUID(), URI.create("/functions/test"), Instant.now());
    }

    private CloudEvent boarding(String taxiId) {
        return fromDriver(EventType.DRIVER_PASSENGER_BOARDED, taxiId, callId, new PassengerBoarded(callId, taxiId));
    }

    @Test
    void aBinaryEventIsAnsweredWithTheNextEventAsReply() {
        CloudEvent boarded = boarding("taxi-1");

        HttpResponse<byte[]> response = postBinary(url, boarded, AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(200);
        CloudEvent reply = reply(response);
        assertThat(reply.getType()).isEqualTo(EventType.TRIP_STARTED.type());
        assertThat(reply.getSource()).hasToString("/functions/boarding");
        assertThat(reply.getSubject()).isEqualTo(callId);
        assertThat(reply.getId()).isNotEqualTo(boarded.getId());
        assertThat(EventFactory.tripSequence(reply)).hasValue(3);
        assertThat(response.headers().allValues("ce-id")).containsExactly(reply.getId());
        assertThat(trips.find(callId).orElseThrow().status()).isEqualTo(TripStatus.STARTED);
    }

    @Test
    void aStructuredEventIsUnderstoodToo() {
        HttpResponse<byte[]> response = postStructured(url, boarding("taxi-1"), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(reply(response).getType()).isEqualTo(EventType.TRIP_STARTED.type());
    }

    @Test
    void aRedeliveredEventGetsTheSameReplyAndChangesNothing() {
        CloudEvent boarded = boarding("taxi-1");
        CloudEvent first = reply(postBinary(url, boarded, AS_BROKER));
        long version = trips.find(callId).orElseThrow().version();

        CloudEvent again = reply(postBinary(url, boarded, AS_BROKER));

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getTime()).isEqualTo(first.getTime());
        assertThat(again.getData().toBytes()).isEqualTo(first.getData().toBytes());
        assertThat(trips.find(callId).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void anEventWithNothingToSayIsAcceptedWithoutReply() {
        HttpResponse<byte[]> response = postBinary(url, fromDriver(EventType.DRIVER_LOCATION_REPORTED, "taxi-1", null,
                new LocationReported("taxi-1", 37.5, 127.0, true)), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("ce-id")).isEmpty();
    }

    @Test
    void somethingThatIsNoCloudEventIsABadRequest() {
        HttpResponse<byte[]> response = postRaw(url, "application/json", "{\"callId\":\"x\"}", AS_BROKER[0], AS_BROKER[1]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(body(response)).contains("not a valid CloudEvent");
    }

    @Test
    void aCloudEventWithoutIdIsABadRequest() {
        HttpResponse<byte[]> response = postRaw(url, "application/json", "{}", "ce-specversion", "1.0",
                "ce-type", EventType.DRIVER_PASSENGER_BOARDED.type(), "ce-source", "/drivers/taxi-1", AS_BROKER[0],
                AS_BROKER[1]);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void anEventThisFunctionDoesNotHandleIsABadRequest() {
        HttpResponse<byte[]> response = postBinary(url, fromDriver(EventType.DRIVER_CALL_ACCEPTED, "taxi-1", callId,
                new CallAccepted(callId, "taxi-1")), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).contains("does not handle " + EventType.DRIVER_CALL_ACCEPTED.type());
    }

    @Test
    void aDriverSpeakingForAnotherTaxiIsABadRequest() {
        CloudEvent forged = fromDriver(EventType.DRIVER_PASSENGER_BOARDED, "taxi-2", callId,
                new PassengerBoarded(callId, "taxi-1"));

        HttpResponse<byte[]> response = postBinary(url, forged, AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).contains("does not match data.taxiId");
        assertThat(trips.find(callId).orElseThrow().status()).isEqualTo(TripStatus.ASSIGNED);
    }

    @Test
    void invalidDataIsABadRequestNamingTheField() {
        HttpResponse<byte[]> response = postBinary(url, fromDriver(EventType.DRIVER_PASSENGER_BOARDED, "taxi-1",
                callId, new PassengerBoarded(" ", "taxi-1")), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).contains("data.callId");
    }

    @Test
    void anotherDriverIsForbidden() {
        HttpResponse<byte[]> response = postBinary(url, boarding("taxi-2"), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(trips.find(callId).orElseThrow().status()).isEqualTo(TripStatus.ASSIGNED);
    }

    @Test
    void anIllegalTransitionIsUnprocessableNotRetryable() {
        postBinary(url, boarding("taxi-1"), AS_BROKER);

        HttpResponse<byte[]> response = postBinary(url, boarding("taxi-1"), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(body(response)).contains("STARTED");
    }

    @Test
    void anUnknownCallIsUnprocessableNotRetryable() {
        HttpResponse<byte[]> response = postBinary(url, fromDriver(EventType.DRIVER_PASSENGER_BOARDED, "taxi-1",
                "no-such-call", new PassengerBoarded("no-such-call", "taxi-1")), AS_BROKER);

        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void theHealthProbesAreUp() {
        HttpResponse<byte[]> liveness = get(
                "http://localhost:" + port + "/actuator/health/liveness");
        HttpResponse<byte[]> readiness = get(
                "http://localhost:" + port + "/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(body(readiness)).contains("mongoPing");
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
