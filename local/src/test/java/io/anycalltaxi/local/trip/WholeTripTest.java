package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/** Issue 2, test 1: a whole trip through the gateway and the broker, as the apps would drive it. */
@ExtendWith(SharedStack.class)
class WholeTripTest {

    private final Api api = Api.gateway();

    @Test
    void aMemberRidesFromSignupToPayment() {
        Rider rider = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        Place dropoff = Rider.near(pickup, 9_000);
        Driver driver = new Driver("서울12가3456", "Park Minsu");
        driver.standBy(Rider.near(pickup, 150));

        String callId = rider.call(pickup, dropoff);
        await().atMost(Duration.ofSeconds(30)).until(() -> offered(driver, callId));
        driver.accept(callId);
        awaitStatus(callId, "ASSIGNED");
        driver.board(callId);
        awaitView(callId, view -> timeline(view).contains("friend.notified")
                && timeline(view).indexOf("trip.started") < timeline(view).lastIndexOf("friend.notified"));
        driver.alight(callId, 9_800, 1_500);
        JsonNode view = awaitStatus(callId, "COMPLETED");

        assertThat(view.path("payment").path("status").asText()).isEqualTo("PAID");
        assertThat(view.path("payment").path("cardLast4").asText()).isEqualTo("4242");
        assertThat(view.path("payment").path("amount").asLong()).isPositive()
                .isEqualTo(view.path("fare").path("amount").asLong());
        assertThat(view.path("taxi").path("taxiNumber").asText()).isEqualTo("서울12가3456");
        assertThat(timeline(view)).containsSubsequence("call.requested", "taxi.assigned", "trip.started",
                "friend.notified", "trip.ended", "payment.completed", "trip.completed");

        JsonNode messages = new Api(SharedStack.stack().function("notify-friend").url())
                .get("/messages?callId=" + callId).body();
        JsonNode toFriend = StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("kind").asText().equals("trip-started")).findFirst().orElseThrow();
        assertThat(toFriend.path("to").asText()).isEqualTo(Rider.masked(rider.friendPhone));
        assertThat(toFriend.path("text").asText()).contains("서울12가3456", "Park Minsu");
    }

    private boolean offered(Driver driver, String callId) {
        JsonNode offers = api.get("/drivers/" + driver.taxiId + "/offers").body();
        return StreamSupport.stream(offers.spliterator(), false).anyMatch(o -> o.path("callId").asText().equals(callId));
    }
}
