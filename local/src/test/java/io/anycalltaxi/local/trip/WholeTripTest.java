package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.SseClient;

/** A whole trip through the gateway and the broker, as the apps would drive it. */
@ExtendWith(SharedStack.class)
class WholeTripTest {

    private static final Pattern SHARE_LINK = Pattern.compile("https?://\\S+/#/shared/trips/\\S+");

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
        awaitView(callId, view -> timeline(view).contains("text.sent")
                && timeline(view).indexOf("trip.started") < timeline(view).lastIndexOf("text.sent"));
        driver.drive(pickup, 9_800);
        driver.alight(callId, 9_800, 40);
        JsonNode view = awaitStatus(callId, "COMPLETED");

        assertThat(view.path("payment").path("status").asText()).isEqualTo("PAID");
        assertThat(view.path("payment").path("cardLast4").asText()).isEqualTo("4242");
        assertThat(view.path("payment").path("amount").asLong()).isPositive()
                .isEqualTo(view.path("fare").path("amount").asLong());
        assertThat(view.path("taxi").path("taxiNumber").asText()).isEqualTo("서울12가3456");
        assertThat(timeline(view)).containsSubsequence("call.requested", "taxi.assigned", "trip.started",
                "text.sent", "trip.ended", "payment.completed", "trip.completed");

        JsonNode messages = new Api(SharedStack.stack().smsRecorder())
                .get("/messages?callId=" + callId).body();
        JsonNode toFriend = StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("kind").asText().equals("trip-started")).findFirst().orElseThrow();
        assertThat(toFriend.path("to").asText()).isEqualTo(Rider.masked(rider.friendPhone));
        assertThat(toFriend.path("text").asText()).contains("서울12가3456", "Park Minsu");

        JsonNode own = rider.api.get("/trips/" + callId).body();
        assertThat(own.path("status").asText()).as("the member reads its own trip").isEqualTo("COMPLETED");
        assertThat(own.path("memberId").asText()).isEqualTo(rider.memberId);
        Matcher link = SHARE_LINK.matcher(toFriend.path("text").asText());
        assertThat(link.find()).as("the friend's text links to a share of the trip").isTrue();
        URI share = URI.create(link.group());
        Api.Response page = api.get(share.getRawPath());
        assertThat(page.status()).as("the link opens the web app").isEqualTo(200);
        assertThat(page.raw().body()).contains("<main id=\"app\">");
        String shareApi = share.getRawFragment(); // the share page's API path and token
        Api.Response shared = api.get(shareApi);
        assertThat(shared.status()).as("the friend opens it without signing in").isEqualTo(200);
        assertThat(shared.text("status")).isEqualTo("COMPLETED");
        assertThat(shared.body().path("taxi").path("taxiNumber").asText()).isEqualTo("서울12가3456");
        assertThat(shared.body().has("memberId") || shared.body().has("payment") || shared.body().has("fare")
                || shared.body().toString().contains(rider.phone.substring(3))).as("nothing of the member's").isFalse();
        assertThat(api.get("/shared/trips/" + callId + "?token=not-the-token").status()).isEqualTo(404);
        String[] pathAndQuery = shareApi.split("\\?", 2);
        try (SseClient live = new SseClient(share.resolve(pathAndQuery[0] + "/stream?" + pathAndQuery[1]), null,
                null)) {
            JsonNode pushed = await().atMost(Duration.ofSeconds(10)).until(live::received, r -> !r.isEmpty()).get(0).data();
            assertThat(pushed.path("status").asText()).as("the friend's page follows it live").isEqualTo("COMPLETED");
            assertThat(pushed.has("memberId") || pushed.has("payment")).isFalse();
        }
    }

    private boolean offered(Driver driver, String callId) {
        JsonNode offers = driver.api.get("/drivers/" + driver.taxiId + "/offers").body();
        return StreamSupport.stream(offers.spliterator(), false).anyMatch(o -> o.path("callId").asText().equals(callId));
    }
}
