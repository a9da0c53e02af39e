package io.anycalltaxi.usageinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.PromotionGranted;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.events.TripReviewed;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/** A member's insights after a scripted series of trips, against figures worked out by hand. */
@FunctionTest(properties = "spring.config.name=usage-insights")
class InsightsTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Place CITY_HALL = new Place(37.5663, 126.9779, "City Hall");
    private static final Place GANGNAM = new Place(37.4979, 127.0276, "Gangnam");
    private static final Place SEOUL_STATION = new Place(37.5559, 126.9723, "Seoul Station");
    private static final Place GYEONGBOKGUNG = new Place(37.5796, 126.9770, "Gyeongbokgung");

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    private final String member = "member-" + UUID.randomUUID();

    private static Cause at(Instant when) {
        return new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), when);
    }

    private static Instant seoul(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SEOUL).toInstant();
    }

    /** A completed trip started at that time, delivered to usage-insights; its answer. */
    private HttpResponse<byte[]> ride(String startedAt, Place from, Place to, long fare) {
        Instant start = seoul(startedAt);
        String callId = UUID.randomUUID().toString();
        Trip ended = Trip.request(callId, member, from, to, Money.won(fare), at(start.minusSeconds(300)))
                .assign("taxi-1", "서울12가3456", "Park", 60, at(start.minusSeconds(200)))
                .start("taxi-1", start, at(start))
                .end("taxi-1", start.plusSeconds(900), 5_000, 900,
                        new FareParts(fare, 0, 0, 0, 0, 0, 0, fare, "KRW"), "METER", null, at(start.plusSeconds(900)));
        ChargeAttempt attempt = ChargeAttempt.reserve(ended.nextAttemptId(), ChargeAttempt.Purpose.FARE,
                Money.won(fare), "tok", "4242", start.plusSeconds(900));
        Trip completed = ended.reserve(attempt)
                .settle(attempt.id(), ChargeAttempt.State.APPROVED, "pay-" + callId, null, at(start.plusSeconds(901)))
                .complete(at(start.plusSeconds(902)));
        trips.createAndQueue(completed);
        return deliver(CloudEventClient.event(EventType.TRIP_COMPLETED, "/functions/end-trip-pay", callId,
                new TripCompleted(callId, Money.won(fare), "pay-" + callId)));
    }

    /** A review delivered once more counts once. */
    private void review(String callId, int rating) {
        deliver(CloudEventClient.event(EventType.TRIP_REVIEWED, "/functions/review-trip", callId,
                new TripReviewed(callId, "taxi-1", rating, "")));
    }

    /** The same trip.completed delivered again, as the broker may: it counts once. */
    private void ride(HttpResponse<byte[]> delivered) {
        String callId = callOf(delivered);
        deliver(CloudEventClient.event(EventType.TRIP_COMPLETED, "/functions/end-trip-pay", callId,
                new TripCompleted(callId, Money.won(9_800), "pay-" + callId)));
    }

    private HttpResponse<byte[]> deliver(CloudEvent event) {
        return CloudEventClient.postBinary("http://localhost:" + port + "/", event, TestIdentity.delivery("usage-insights"));
    }

    private JsonNode insights() throws IOException {
        return new ObjectMapper().readTree(
                CloudEventClient.get("http://localhost:" + port + "/members/" + member + "/insights",
                        TestIdentity.bearer(TestIdentity.customer(member))).body());
    }

    @Test
    void theFiguresAreThoseWorkedOutByHand() throws Exception {
        HttpResponse<byte[]> monday = ride("2026-11-16T08:10", CITY_HALL, GANGNAM, 14_000);
        HttpResponse<byte[]> mondayEvening = ride("2026-11-16T18:40", GANGNAM, CITY_HALL, 15_500);
        ride("2026-11-17T08:05", CITY_HALL, SEOUL_STATION, 5_200);
        HttpResponse<byte[]> fridayNight = ride("2026-11-20T23:30", GYEONGBOKGUNG, CITY_HALL, 9_800);
        review(callOf(monday), 5);
        review(callOf(mondayEvening), 3);
        review(callOf(mondayEvening), 3);
        ride(fridayNight);

        JsonNode insights = insights();

        assertThat(fridayNight.statusCode()).as("no promotion yet").isEqualTo(202);
        assertThat(insights.path("rides").asInt()).isEqualTo(4);
        assertThat(insights.path("totalSpent").path("amount").asLong()).isEqualTo(14_000 + 15_500 + 5_200 + 9_800);
        assertThat(insights.path("averageFare").path("amount").asLong()).isEqualTo(11_125);
        assertThat(insights.path("favouritePickup").path("lat").asDouble()).isEqualTo(37.57);
        assertThat(insights.path("favouritePickup").path("lng").asDouble()).isEqualTo(126.98);
        assertThat(insights.path("favouritePickup").path("rides").asInt()).isEqualTo(2);
        assertThat(insights.path("favouriteDropoff").path("lat").asDouble()).isEqualTo(37.57);
        assertThat(insights.path("favouriteDropoff").path("rides").asInt()).isEqualTo(2);
        assertThat(insights.path("ridesByHour").path("8").asInt()).isEqualTo(2);
        assertThat(insights.path("ridesByHour").path("18").asInt()).isEqualTo(1);
        assertThat(insights.path("ridesByHour").path("23").asInt()).isEqualTo(1);
        assertThat(insights.path("ridesByHour").path("12").asInt()).isZero();
        assertThat(insights.path("ridesByWeekday").path("MONDAY").asInt()).isEqualTo(2);
        assertThat(insights.path("ridesByWeekday").path("TUESDAY").asInt()).isEqualTo(1);
        assertThat(insights.path("ridesByWeekday").path("FRIDAY").asInt()).isEqualTo(1);
        assertThat(insights.path("reviews").path("count").asInt()).isEqualTo(2);
        assertThat(insights.path("reviews").path("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(insights.path("promotions")).isEmpty();
    }

    @Test
    void theFifthRideAfterAMonthAwayEarnsTheBetterOfTheTwoPromotions() throws Exception {
        ride("2026-10-01T09:00", CITY_HALL, GANGNAM, 10_000);
        ride("2026-10-02T09:00", CITY_HALL, GANGNAM, 10_000);
        ride("2026-10-03T09:00", CITY_HALL, GANGNAM, 10_000);
        ride("2026-10-04T09:00", CITY_HALL, GANGNAM, 10_000);

        HttpResponse<byte[]> fifth = ride("2026-11-20T09:00", CITY_HALL, GANGNAM, 10_000);

        assertThat(fifth.statusCode()).isEqualTo(200);
        CloudEvent granted = CloudEventClient.reply(fifth);
        assertThat(granted.getType()).isEqualTo(EventType.PROMOTION_GRANTED.type());
        PromotionGranted promotion = EventJson.fromBytes(granted.getData().toBytes(), PromotionGranted.class);
        assertThat(promotion.discountPercent()).as("welcome back (20%) beats every 5th ride (10%)").isEqualTo(20);
        assertThat(promotion.memberId()).isEqualTo(member);
        assertThat(insights().path("promotions").get(0).path("code").asText()).isEqualTo(promotion.code());
    }

    private String callOf(HttpResponse<byte[]> answer) {
        return answer.request().headers().firstValue("ce-subject").orElseThrow();
    }
}
