package io.anycalltaxi.local.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.CloudEvent;

/**
 * What an outsider tried before there was identity: a system event posted to the public ingress,
 * a driver speaking for another taxi, events with no token, or straight to the broker. Each is
 * refused, and the call and its view stay as they were.
 */
@ExtendWith(SharedStack.class)
class ForgedEventsTest {

    private final String events = SharedStack.stack().gateway() + "/events";

    @Test
    void forgedEventsAreRefusedAndChangeNothing() {
        Ride ride = Ride.offered(Api.gateway(), "서울05파0505", "Shin Bo");
        String callId = ride.callId();
        Driver driver = ride.driver();
        Driver intruder = new Driver("서울06파0606", "Oh Ra");
        JsonNode before = Api.operator().get("/trips/" + callId).body();
        CloudEvent completed = CloudEventClient.event(EventType.TRIP_COMPLETED, "/functions/end-trip-pay", callId,
                new TripCompleted(callId, Money.won(100), "pay-forged"));
        CloudEvent acceptedAsDriver = CloudEventClient.fromDriver(EventType.DRIVER_CALL_ACCEPTED, driver.taxiId, callId,
                new CallAccepted(callId, driver.taxiId));
        CloudEvent ownSourceOtherTaxi = CloudEventClient.fromDriver(EventType.DRIVER_CALL_ACCEPTED, intruder.taxiId,
                callId, new CallAccepted(callId, driver.taxiId));
        String brokerIngress = SharedStack.stack().brokerIngress("anycalltaxi").toString();

        List<HttpResponse<byte[]>> forbidden = List.of(
                CloudEventClient.postBinary(events, completed, TestIdentity.bearer(driver.api.token())),
                CloudEventClient.postBinary(events, acceptedAsDriver, TestIdentity.bearer(intruder.api.token())),
                CloudEventClient.postBinary(events, ownSourceOtherTaxi, TestIdentity.bearer(intruder.api.token())),
                CloudEventClient.postBinary(events, acceptedAsDriver, TestIdentity.bearer(ride.rider().api.token())));
        List<HttpResponse<byte[]>> unauthenticated = List.of(
                CloudEventClient.postBinary(events, completed),
                CloudEventClient.postBinary(events, acceptedAsDriver),
                CloudEventClient.postBinary(brokerIngress, completed),
                CloudEventClient.postBinary(brokerIngress, completed, TestIdentity.bearer(driver.api.token())),
                CloudEventClient.postBinary(brokerIngress, acceptedAsDriver, TestIdentity.bearer(Api.operator().token())));
        Broker.awaitAllDelivered();

        assertThat(forbidden).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(unauthenticated).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        JsonNode after = Api.operator().get("/trips/" + callId).body();
        assertThat(after).as("the view is unchanged").isEqualTo(before);
        assertThat(after.path("status").asText()).isEqualTo("REQUESTED");
    }
}
