package io.anycalltaxi.local.view;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/** What the customer's view holds, where it is read, and that it can be rebuilt. */
@ExtendWith(SharedStack.class)
class ViewTest {

    private final Api api = Api.gateway();

    private Ride completedRide(String taxiNumber) {
        Ride ride = Ride.offered(api, taxiNumber, "Lim Na").assigned();
        ride.driver().reportAt(Rider.near(ride.pickup(), 100), false);
        ride.started().completed(3_000, 30);
        awaitView(ride.callId(), view -> view.path("notifications").size() == 3);
        return ride;
    }

    @Test
    void theFriendIsToldOfTheStartAndTheArrivalAndTheCustomerOfTheTaxi() {
        Ride ride = completedRide("서울10자1010");

        JsonNode messages = new Api(SharedStack.stack().smsRecorder())
                .get("/messages?callId=" + ride.callId()).body();
        assertThat(messages).hasSize(3);
        assertThat(message(messages, "taxi-assigned").path("to").asText()).isEqualTo(Rider.masked(ride.rider().phone));
        assertThat(message(messages, "trip-started").path("to").asText())
                .isEqualTo(Rider.masked(ride.rider().friendPhone));
        assertThat(message(messages, "trip-started").path("text").asText()).contains("서울10자1010", "Lim Na");
        assertThat(message(messages, "trip-arrived").path("to").asText())
                .isEqualTo(Rider.masked(ride.rider().friendPhone));
        assertThat(message(messages, "trip-arrived").path("text").asText()).contains("arrived safely");
    }

    @Test
    void theViewShowsTheMemberMaskedAndEveryStage() {
        Ride ride = completedRide("서울20차2020");

        JsonNode view = Api.operator().get("/trips/" + ride.callId()).body();

        assertThat(view.path("member").path("phoneMasked").asText()).isEqualTo(Rider.masked(ride.rider().phone));
        assertThat(view.path("member").path("name").asText()).startsWith("Rider");
        assertThat(view.path("fareEstimate").path("amount").asLong()).isPositive();
        assertThat(view.path("fare").path("amount").asLong()).isPositive();
        assertThat(view.path("taxi").path("driverName").asText()).isEqualTo("Lim Na");
        assertThat(StreamSupport.stream(view.path("timeline").spliterator(), false))
                .allSatisfy(stage -> assertThat(stage.path("line").asText()).isNotBlank());
        assertThat(view.toString()).doesNotContain(ride.rider().phone.substring(3));
    }

    @Test
    void eachMemberReadsTheTimelineInTheirLanguage() {
        Rider korean = Rider.signUpIn("ko");
        Rider english = Rider.signUpIn("en");
        String koreanCall = korean.call(Rider.somewhere(), Rider.somewhere());
        String englishCall = english.call(Rider.somewhere(), Rider.somewhere());

        JsonNode koreanView = awaitView(koreanCall, view -> view.path("timeline").size() > 0);
        JsonNode englishView = awaitView(englishCall, view -> view.path("timeline").size() > 0);

        assertThat(koreanView.path("timeline").get(0).path("line").asText()).isEqualTo("택시를 호출했습니다");
        assertThat(englishView.path("timeline").get(0).path("line").asText()).isEqualTo("Taxi called");
        assertThat(korean.api.get("/members/" + korean.memberId + "/trips").body().get(0)
                .path("timeline").get(0).path("line").asText()).isEqualTo("택시를 호출했습니다");
    }

    /**
     * A report the broker delivers late (a retry of it lost to a newer one) is stale: the taxi does
     * not jump back. It is delivered here as project-view's Trigger delivers it.
     */
    @Test
    void aLateReportDoesNotMoveTheTaxiBack() {
        Ride ride = Ride.offered(api, "서울31카3131", "Yoo Ha").assigned();
        Place newer = Rider.near(ride.pickup(), 500);
        Place older = Rider.near(ride.pickup(), 100);
        ride.driver().reportAt(newer, false);
        JsonNode moved = awaitView(ride.callId(), view -> view.path("location").path("lat").asDouble() == newer.lat());
        Instant shownAt = Instant.parse(moved.path("location").path("at").asText());

        CloudEvent late = CloudEventBuilder.v1(CloudEventClient.fromDriver(EventType.DRIVER_LOCATION_REPORTED,
                ride.driver().taxiId, null, new LocationReported(ride.driver().taxiId, older.lat(), older.lng(), false)))
                .withTime(shownAt.minusSeconds(5).atOffset(ZoneOffset.UTC)).build();
        LocalStack stack = SharedStack.stack();
        String trigger = stack.workloads().token(stack.workloads().trigger("project-view--driver-location-reported"),
                "project-view");
        assertThat(CloudEventClient.postBinary(stack.function("project-view").url().toString(), late,
                "Authorization", "Bearer " + trigger).statusCode()).isLessThan(300);

        JsonNode view = Api.operator().get("/trips/" + ride.callId()).body();
        assertThat(view.path("location").path("lat").asDouble()).isEqualTo(newer.lat());
        assertThat(Instant.parse(view.path("location").path("at").asText())).isEqualTo(shownAt);
    }

    @Test
    void aRebuildFromTheKeptEventsGivesTheSameViews() {
        Ride ride = completedRide("서울30카3030");
        Broker.awaitAllDelivered();
        JsonNode live = Api.operator().get("/trips/" + ride.callId()).body();

        Api.Response rebuilt = Api.operator().at(SharedStack.stack().function("project-view").url()).post("/views/rebuild",
                "application/json", "");

        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.body().path("rebuilt").asInt()).isPositive();
        assertThat(Api.operator().get("/trips/" + ride.callId()).body()).isEqualTo(live);
    }

    @Test
    void aMembersTripsComeNewestFirstPageByPage() {
        Rider rider = Rider.signUp(api);
        var place = Rider.somewhere();
        String older = rider.call(place, Rider.near(place, 1_000));
        rider.api.post("/calls/" + older + "/cancel", "application/json", "");
        String newer = rider.call(place, Rider.near(place, 2_000));
        awaitView(newer, view -> true);
        awaitStatus(older, "CANCELLED");

        JsonNode all = rider.api.get("/members/" + rider.memberId + "/trips").body();
        JsonNode first = rider.api.get("/members/" + rider.memberId + "/trips?size=1").body();
        JsonNode second = rider.api.get("/members/" + rider.memberId + "/trips?size=1&page=1").body();

        assertThat(all).extracting(trip -> trip.path("callId").asText()).containsExactly(newer, older);
        assertThat(first).extracting(trip -> trip.path("callId").asText()).containsExactly(newer);
        assertThat(second).extracting(trip -> trip.path("callId").asText()).containsExactly(older);
        assertThat(rider.api.get("/members/" + rider.memberId + "/trips?size=1000").status()).isEqualTo(400);
    }

    private static JsonNode message(JsonNode messages, String kind) {
        return StreamSupport.stream(messages.spliterator(), false).filter(m -> m.path("kind").asText().equals(kind))
                .findFirst().orElseThrow();
    }
}
