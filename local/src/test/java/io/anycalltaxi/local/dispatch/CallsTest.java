package io.anycalltaxi.local.dispatch;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/** F1, F3 through the gateway: calling, cancelling, and what is refused. */
@ExtendWith(SharedStack.class)
class CallsTest {

    private final Api api = Api.gateway();

    @Test
    void aCallIsCreatedWithAnEstimateAndALocation() {
        Rider rider = Rider.signUp(api);
        Place pickup = Rider.somewhere();

        Place dropoff = Rider.near(pickup, 5_000);
        Api.Response beforehand = rider.api.get("/fares/estimate?pickupLat=" + pickup.lat() + "&pickupLng="
                + pickup.lng() + "&dropoffLat=" + dropoff.lat() + "&dropoffLng=" + dropoff.lng());

        Api.Response called = rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", pickup,
                "dropoff", dropoff));

        assertThat(beforehand.status()).isEqualTo(200);
        assertThat(beforehand.body()).as("what the member is shown before calling is what the call quotes")
                .isEqualTo(called.body().path("fareEstimate"));
        assertThat(called.status()).isEqualTo(201);
        assertThat(called.text("status")).isEqualTo("REQUESTED");
        assertThat(called.body().path("fareEstimate").path("amount").asLong()).isGreaterThan(4_800);
        assertThat(called.body().path("fareEstimate").path("currency").asText()).isEqualTo("KRW");
        assertThat(called.header("Location")).isEqualTo("/trips/" + called.text("callId"));
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> Api.operator()
                .get("/operations/trips?status=REQUESTED").body().toString(), list -> list.contains(called.text("callId"))))
                .as("operators list the trips in a status").doesNotContain("\"COMPLETED\"");
    }

    @Test
    void anEstimateOrAListWithBadParametersIsABadRequestNamingThem() {
        Rider rider = Rider.signUp(api);

        Api.Response outside = rider.api.get("/fares/estimate?pickupLat=91&pickupLng=126.9&dropoffLat=37.5&dropoffLng=127");
        Api.Response missing = rider.api.get("/fares/estimate?pickupLat=37.5&pickupLng=126.9");
        Api.Response noSuchStatus = Api.operator().get("/operations/trips?status=WAITING_FOREVER");

        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.text("detail")).contains("pickupLat");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noSuchStatus.status()).isEqualTo(400);
    }

    @Test
    void aMemberHasAtMostOneActiveCall() {
        Rider rider = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        String first = rider.call(pickup, Rider.near(pickup, 1_000));

        Api.Response second = rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", pickup,
                "dropoff", Rider.near(pickup, 2_000)));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains(first);
        rider.api.post("/calls/" + first + "/cancel", "application/json", "");
        assertThat(rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", pickup,
                "dropoff", Rider.near(pickup, 2_000))).status()).as("after the cancel").isEqualTo(201);
    }

    @Test
    void aMemberCannotCallForAnotherAndNobodyCallsWithoutSigningIn() {
        Rider rider = Rider.signUp(api);
        Rider other = Rider.signUp(api);
        Place pickup = Rider.somewhere();

        Api.Response refused = rider.api.post("/calls", Map.of("memberId", other.memberId, "pickup", pickup,
                "dropoff", pickup));
        Api.Response anonymous = api.post("/calls", Map.of("memberId", other.memberId, "pickup", pickup,
                "dropoff", pickup));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(other.api.post("/calls", Map.of("pickup", pickup, "dropoff", Rider.near(pickup, 1_000))).status())
                .as("nothing was claimed for the other member").isEqualTo(201);
    }

    @Test
    void anInvalidCallNamesTheFieldsAndMalformedJsonIsABadRequest() {
        Rider rider = Rider.signUp(api);

        Api.Response invalid = rider.api.post("/calls", Map.of("memberId", rider.memberId,
                "pickup", Map.of("lat", 91.0, "lng", 127.0), "dropoff", Map.of("lat", 37.5)));
        Api.Response malformed = rider.api.post("/calls", "application/json", "{\"memberId\": ");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("detail")).contains("pickup.lat", "dropoff.lng");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", Rider.somewhere(),
                "dropoff", Rider.somewhere())).status()).as("nothing was claimed by the bad requests").isEqualTo(201);
    }

    @Test
    void aWaitingCallIsCancelledOnceAndItsOffersWithdrawn() {
        Ride ride = Ride.offered(api, "서울77마2222", "Yoon Seo");
        String callId = ride.callId();
        Driver driver = ride.driver();
        assertThat(driver.api.get("/drivers/" + driver.taxiId + "/offers").body()).hasSize(1);

        Api.Response cancelled = ride.rider().api.post("/calls/" + callId + "/cancel", "application/json", "");
        Api.Response again = ride.rider().api.post("/calls/" + callId + "/cancel", "application/json", "");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("CANCELLED");
        awaitStatus(callId, "CANCELLED");
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.api.get("/drivers/" + driver.taxiId + "/offers").body().isEmpty());
        assertThat(timeline(Api.operator().get("/trips/" + callId).body()).stream().filter("call.cancelled"::equals)).hasSize(1);
    }

    @Test
    void aCallCannotBeCancelledOnceThePassengerBoarded() {
        Ride ride = Ride.offered(api, "서울88바3333", "Han Ji").assigned().started();
        String callId = ride.callId();

        Api.Response refused = ride.rider().api.post("/calls/" + callId + "/cancel", "application/json", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("tripStatus")).isEqualTo("STARTED");
        assertThat(refused.text("detail")).contains("STARTED");
        assertThat(ride.rider().api.post("/calls/no-such-call/cancel", "application/json", "").status()).isEqualTo(404);
    }

    @Test
    void aTaxiThatHasNotReportedYetHasNoOffersAndOperatorsSeeItInTheFleetOffTheMap() {
        Driver onboarded = new Driver("서울99사9999", "Noh Report");

        Api.Response offers = onboarded.api.get("/drivers/" + onboarded.taxiId + "/offers");
        JsonNode fleet = Api.operator().get("/taxis").body();

        assertThat(offers.status()).isEqualTo(200);
        assertThat(offers.body()).isEmpty();
        JsonNode listed = StreamSupport.stream(fleet.spliterator(), false)
                .filter(taxi -> taxi.path("taxiId").asText().equals(onboarded.taxiId)).findFirst().orElseThrow();
        assertThat(listed.path("taxiNumber").asText()).isEqualTo("서울99사9999");
        assertThat(listed.path("available").asBoolean()).isFalse();
        assertThat(listed.has("lat")).as("not on the map before its first report").isFalse();
        assertThat(listed.has("driverPhone") || listed.has("phone")).as("no driver's phone").isFalse();

        Place stand = Rider.somewhere();
        onboarded.standBy(stand);
        JsonNode reported = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                Api.operator().get("/taxis").body().spliterator(), false)
                .filter(taxi -> taxi.path("taxiId").asText().equals(onboarded.taxiId)).findFirst().orElseThrow(),
                taxi -> taxi.has("lat"));
        assertThat(reported.path("lat").asDouble()).isEqualTo(stand.lat());
        assertThat(reported.path("available").asBoolean()).isTrue();
    }
}
