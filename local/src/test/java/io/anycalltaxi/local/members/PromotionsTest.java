package io.anycalltaxi.local.members;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * F11, a member's 5th completed ride earns 10% off; the 6th call takes it, the 6th
 * charge is discounted once, and the 7th is charged in full.
 */
@ExtendWith(SharedStack.class)
class PromotionsTest {

    private static final long METERS = 6_000;
    private static final long SECONDS = 30;

    private final Api api = Api.gateway();

    private record Taken(String callId, JsonNode call) {
    }

    private Taken ride(Rider rider) {
        Place pickup = Rider.somewhere();
        Driver driver = new Driver("서울56너5656", "Yang Su");
        driver.standBy(pickup);
        Api.Response called = rider.api.post("/calls", Map.of("memberId", rider.memberId, "pickup", pickup,
                "dropoff", Rider.near(pickup, METERS)));
        String callId = called.text("callId");
        awaitView(callId, view -> view.path("timeline").toString().contains("call.offered"));
        new Ride(rider, driver, callId, pickup).assigned().started().completed(METERS, SECONDS);
        return new Taken(callId, called.body());
    }

    private Money tariffFare(JsonNode view) {
        Instant startedAt = StreamSupport.stream(view.path("timeline").spliterator(), false)
                .filter(stage -> stage.path("type").asText().equals("trip.started"))
                .map(stage -> Instant.parse(stage.path("time").asText())).findFirst().orElseThrow();
        return SharedStack.stack().function("end-trip-pay").context().getBean(Fares.class)
                .fare(METERS, Duration.ofSeconds(SECONDS), startedAt);
    }

    @Test
    void theFifthRideEarnsADiscountThatTheSixthUsesOnce() {
        Rider rider = Rider.signUp(api);
        for (int ride = 1; ride <= 5; ride++) {
            assertThat(ride(rider).call().path("discount").isMissingNode()).as("ride " + ride + " is full price")
                    .isTrue();
        }
        JsonNode promotion = await().atMost(Duration.ofSeconds(30)).until(
                () -> rider.api.get("/members/" + rider.memberId + "/insights").body().path("promotions"),
                promotions -> promotions.size() == 1).get(0);
        assertThat(promotion.path("discountPercent").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> new Api(SharedStack.stack().smsRecorder())
                .get("/messages?memberId=" + rider.memberId).body().toString().contains("promotion-granted"));

        Taken sixth = ride(rider);
        JsonNode sixthView = Api.operator().get("/trips/" + sixth.callId()).body();
        assertThat(sixth.call().path("discount").path("percent").asInt()).isEqualTo(10);
        assertThat(sixth.call().path("discount").path("code").asText()).isEqualTo(promotion.path("code").asText());
        long full = tariffFare(sixthView).amount();
        long discounted = full * 90 / 100 - (full * 90 / 100) % 100;
        assertThat(sixthView.path("payment").path("amount").asLong()).isEqualTo(discounted).isLessThan(full);

        Taken seventh = ride(rider);
        JsonNode seventhView = Api.operator().get("/trips/" + seventh.callId()).body();
        assertThat(seventh.call().path("discount").isMissingNode()).isTrue();
        assertThat(seventhView.path("payment").path("amount").asLong()).isEqualTo(tariffFare(seventhView).amount());
        assertThat(rider.api.get("/members/" + rider.memberId + "/insights").body().path("promotions")).isEmpty();
        assertThat(rider.api.get("/members/" + rider.memberId + "/insights").body().path("rides").asInt()).isEqualTo(7);
    }
}
