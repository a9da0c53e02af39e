package io.anycalltaxi.local.members;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/** F10, reviews through the gateway, and the driver's average rating. */
@ExtendWith(SharedStack.class)
class ReviewsTest {

    private final Api api = Api.gateway();

    private static Map<String, Object> review(String memberId, int rating, String comment) {
        return Map.of("memberId", memberId, "rating", rating, "comment", comment);
    }

    /** A member's ride with this driver, from call to COMPLETED. */
    private String completedRide(Rider rider, Driver driver) {
        Ride ride = Ride.offered(rider, driver, 3_000).assigned().started();
        ride.completed(3_000, 30);
        return ride.callId();
    }

    @Test
    void onlyTheMemberWhoRodeReviewsACompletedTripAndOnlyOnce() {
        Ride ride = Ride.offered(api, "서울12하1212", "Moon Ye").assigned();
        String path = "/calls/" + ride.callId() + "/review";

        Api rider = ride.rider().api;
        Api.Response tooEarly = rider.post(path, review(ride.rider().memberId, 5, "quick!"));
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.text("detail")).contains("ASSIGNED");

        ride.started().completed(2_000, 30);

        Rider stranger = Rider.signUp(api);
        Api.Response someoneElse = stranger.api.post(path, review(stranger.memberId, 1, "never rode"));
        assertThat(someoneElse.status()).isEqualTo(403);
        Api.Response inTheRidersName = stranger.api.post(path, review(ride.rider().memberId, 1, "never rode"));
        assertThat(inTheRidersName.status()).as("a body naming another member").isEqualTo(403);
        assertThat(api.post(path, review(ride.rider().memberId, 1, "anonymous")).status()).isEqualTo(401);
        Api.Response invalid = rider.post(path, Map.of("memberId", ride.rider().memberId, "rating", 6,
                "comment", "x".repeat(501)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("detail")).contains("rating", "comment");
        assertThat(rider.post("/calls/no-such-call/review", review(ride.rider().memberId, 5, "")).status())
                .isEqualTo(404);

        Api.Response reviewed = rider.post(path, review(ride.rider().memberId, 4, "  Smooth ride, thank you  "));
        assertThat(reviewed.status()).isEqualTo(201);
        assertThat(reviewed.text("comment")).isEqualTo("Smooth ride, thank you");
        Api.Response twice = rider.post(path, review(ride.rider().memberId, 5, "again"));
        assertThat(twice.status()).isEqualTo(409);

        JsonNode view = awaitView(ride.callId(), v -> v.path("review").has("rating"));
        assertThat(view.path("review").path("rating").asInt()).isEqualTo(4);
        assertThat(view.path("review").path("comment").asText()).isEqualTo("Smooth ride, thank you");
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void theDriversAverageRatingIsShownWithLaterAssignmentsAndOffers() {
        Driver driver = new Driver("서울34거3434", "Nam Gyu");
        Rider first = Rider.signUp(api);
        Rider second = Rider.signUp(api);
        String one = completedRide(first, driver);
        String two = completedRide(second, driver);
        first.api.post("/calls/" + one + "/review", review(first.memberId, 5, ""));
        second.api.post("/calls/" + two + "/review", review(second.memberId, 4, ""));

        Rider third = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            driver.standBy(pickup);
            String callId = third.call(pickup, Rider.near(pickup, 1_000));
            awaitView(callId, view -> view.path("timeline").toString().contains("call.offered"));
            JsonNode offers = driver.api.get("/drivers/" + driver.taxiId + "/offers").body();
            boolean rated = offers.size() == 1 && offers.get(0).path("driverRating").asDouble() == 4.5;
            if (!rated) {
                third.api.post("/calls/" + callId + "/cancel", "application/json", "");
                return false;
            }
            driver.accept(callId);
            JsonNode assigned = awaitStatus(callId, "ASSIGNED");
            return assigned.path("taxi").path("rating").asDouble() == 4.5;
        });
    }
}
