package io.anycalltaxi.local.lifecycle;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Money;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.CloudEvent;

/**
 * No dead ends once a taxi is assigned: the customer cancels (free, then with a fee), the driver
 * gives the call back or reports a no-show, a silent taxi and a ride that never ends are dealt
 * with, and the fare is the server's unless the meter is plausible. The stack's waits are short
 * here (SharedStack): cancel grace 4 s, no-show wait 3 s, silence and ride limit 5 s.
 */
@ExtendWith(SharedStack.class)
class LifecycleTest {

    private final Api api = Api.gateway();

    @Test
    void aCancelWhileTheTaxiIsComingIsFreeWithinTheGraceAndCostsOneFeeAfterAndTheTaxiIsFreeAtOnce() {
        Ride early = Ride.offered(api, "서울61가6161", "Ahn Jae").assigned();
        JsonNode quote = early.rider().api.get("/calls/" + early.callId() + "/cancellation").body();
        assertThat(quote.path("cancellable").asBoolean()).isTrue();
        assertThat(quote.has("feeNow")).as("free within the grace").isFalse();
        assertThat(quote.path("feeAfterGrace").path("amount").asLong()).isEqualTo(2_000);
        assertThat(Instant.parse(quote.path("freeUntil").asText())).isAfter(Instant.now())
                .isBefore(Instant.now().plusSeconds(5));
        Api.Response free = early.rider().api.post("/calls/" + early.callId() + "/cancel", Map.of());
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.text("status")).isEqualTo("CANCELLED");
        JsonNode freeView = awaitStatus(early.callId(), "CANCELLED");
        assertThat(freeView.has("fee")).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> early.driver().api.get("/drivers/" + early.driver().taxiId
                + "/trip").status() == 404);
        String next = early.rider().call(early.pickup(), Rider.near(early.pickup(), 2_000));
        awaitView(next, hasInTimeline("call.offered"));
        assertThat(early.driver().api.get("/drivers/" + early.driver().taxiId + "/offers").body().toString())
                .contains(next);
        early.rider().api.post("/calls/" + next + "/cancel", Map.of());

        Ride late = Ride.offered(api, "서울62가6262", "Baek Yu").assigned();
        Instant graceOver = Instant.now().plusSeconds(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(graceOver));
        assertThat(late.rider().api.get("/calls/" + late.callId() + "/cancellation").body().path("feeNow")
                .path("amount").asLong()).as("what cancelling costs now, shown before confirming").isEqualTo(2_000);
        Api.Response charged = late.rider().api.post("/calls/" + late.callId() + "/cancel", Map.of());
        assertThat(charged.status()).isEqualTo(200);
        JsonNode paid = awaitView(late.callId(), view -> "PAID".equals(view.path("payment").path("status").asText()));
        assertThat(paid.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(paid.path("fee").path("amount").asLong()).isEqualTo(2_000);
        assertThat(paid.path("payment").path("purpose").asText()).isEqualTo("CANCEL_FEE");
        assertThat(paid.path("payment").path("amount").asLong()).isEqualTo(2_000);
        assertThat(late.rider().api.post("/calls/" + late.callId() + "/cancel", Map.of()).status()).isEqualTo(200);
        JsonNode after = late.rider().api.get("/calls/" + late.callId() + "/cancellation").body();
        assertThat(after.path("cancellable").asBoolean()).isFalse();
        assertThat(after.has("feeNow")).isFalse();
        assertThat(Money.approvedFor(late.callId())).hasSize(1).allSatisfy(c -> assertThat(c.amount().amount())
                .isEqualTo(2_000));
    }

    @Test
    void aDriverWhoGivesTheCallBackLeavesItToAnotherTaxiAndIsOfferedWorkAgain() {
        Ride ride = Ride.offered(api, "서울63가6363", "Cho Min").assigned();
        Driver second = new Driver("서울64가6464", "Do Hee");
        second.standBy(ride.pickup());

        ride.driver().giveBack(ride.callId(), "flat tyre");

        JsonNode reopened = awaitView(ride.callId(), view -> "REQUESTED".equals(view.path("status").asText())
                && timeline(view).contains("call.reopened"));
        assertThat(reopened.has("taxi")).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.api.get("/drivers/" + second.taxiId + "/offers")
                .body().toString().contains(ride.callId()));
        assertThat(ride.driver().api.get("/drivers/" + ride.driver().taxiId + "/offers").body().toString())
                .doesNotContain(ride.callId());
        assertThat(ride.driver().api.get("/drivers/" + ride.driver().taxiId + "/trip").status()).isEqualTo(404);
        awaitView(ride.callId(), view -> view.path("notifications").toString().contains("call-reopened"));

        second.accept(ride.callId());
        awaitStatus(ride.callId(), "ASSIGNED");
        assertThat(second.api.get("/drivers/" + second.taxiId + "/trip").text("callId")).isEqualTo(ride.callId());
        JsonNode completed = new Ride(ride.rider(), second, ride.callId(), ride.pickup()).started().completed(3_000, 20);
        assertThat(completed.path("taxi").path("taxiId").asText()).isEqualTo(second.taxiId);

        Rider another = Rider.signUp(api);
        String next = another.call(ride.pickup(), Rider.near(ride.pickup(), 1_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> ride.driver().api.get("/drivers/" + ride.driver().taxiId
                + "/offers").body().toString().contains(next));
    }

    @Test
    void aNoShowIsRefusedBeforeTheWaitAndAfterItCostsTheFeeOnceAndFreesTheTaxi() {
        Ride ride = Ride.offered(api, "서울65가6565", "Eom Ji").assigned();
        ride.driver().arrive(ride.callId());
        awaitView(ride.callId(), view -> timeline(view).contains("taxi.arrived")
                && view.path("notifications").toString().contains("taxi-arrived"));
        Instant waitOver = Instant.now().plusSeconds(3);

        CloudEvent tooEarly = ride.driver().send(ride.driver().noShow(ride.callId()));
        JsonNode refused = Console.awaitDeadLetter(tooEarly.getId());
        assertThat(refused.path("knativeerrorcode").asText()).isEqualTo("422");
        assertThat(Api.operator().get("/trips/" + ride.callId()).body().path("status").asText()).isEqualTo("ASSIGNED");

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(waitOver));
        ride.driver().send(ride.driver().noShow(ride.callId()));
        JsonNode noShow = awaitView(ride.callId(), view -> "NO_SHOW".equals(view.path("status").asText())
                && "PAID".equals(view.path("payment").path("status").asText()));
        assertThat(noShow.path("payment").path("purpose").asText()).isEqualTo("NO_SHOW_FEE");
        assertThat(noShow.path("fee").path("amount").asLong()).isEqualTo(3_000);
        assertThat(Money.approvedFor(ride.callId())).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> ride.driver().api.get("/drivers/" + ride.driver().taxiId
                + "/trip").status() == 404);
    }

    @Test
    void aSilentAssignedTaxiIsTakenOffTheCallAndARideThatNeverEndsIsListedForOperatorsWhoCloseIt() {
        Ride silent = Ride.offered(api, "서울66가6666", "Gu Ra").assigned();
        Driver standing = new Driver("서울67가6767", "Ha Neul");
        Ride stuck = Ride.offered(api, "서울68가6868", "Im Do").assigned().started();
        Ride voided = Ride.offered(api, "서울69가6969", "Jang Mi").assigned().started();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            standing.standBy(silent.pickup());
            Console.firePing("dispatch-tick");
            return "REQUESTED".equals(Api.operator().get("/trips/" + silent.callId()).body().path("status").asText());
        });
        assertThat(timeline(Api.operator().get("/trips/" + silent.callId()).body())).contains("call.reopened");
        await().atMost(Duration.ofSeconds(30)).until(() -> standing.api.get("/drivers/" + standing.taxiId + "/offers")
                .body().toString().contains(silent.callId()));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Console.firePing("dispatch-tick");
            String listed = Api.operator().get("/operations/trips").body().toString();
            return listed.contains(stuck.callId()) && listed.contains(voided.callId()) && listed.contains("RIDE_OVERDUE");
        });
        assertThat(Api.operator().get("/operations/trips").status()).isEqualTo(200);
        assertThat(stuck.rider().api.get("/operations/trips").status()).isEqualTo(403);

        Api.Response ended = Api.operator().post("/operations/trips/" + stuck.callId() + "/end",
                Map.of("fare", Map.of("amount", 10_000, "currency", "KRW")));
        assertThat(ended.status()).as(ended.body().toString()).isEqualTo(200);
        JsonNode completed = awaitStatus(stuck.callId(), "COMPLETED");
        assertThat(completed.path("payment").path("amount").asLong()).isEqualTo(10_000);
        assertThat(Api.operator().post("/operations/trips/" + voided.callId() + "/void", Map.of("reason", "app died"))
                .status()).isEqualTo(200);
        awaitStatus(voided.callId(), "VOIDED");
        assertThat(Money.approvedFor(voided.callId())).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> voided.driver().api.get("/drivers/" + voided.driver().taxiId
                + "/trip").status() == 404);
    }

    @Test
    void theMetersReadingIsChargedInsideTheBandAndTheServersOutsideItFlaggedForOperators() {
        Ride honest = Ride.offered(api, "서울70가7070", "Kang Bo").assigned().started();
        JsonNode inside = honest.completed(5_000, 20);
        Fares tariff = SharedStack.stack().function("end-trip-pay").context().getBean(Fares.class);
        assertThat(inside.path("ride").path("fareSource").asText()).isEqualTo("METER");
        assertThat(inside.path("fare").path("amount").asLong())
                .isEqualTo(tariff.fare(5_000, Duration.ofSeconds(20), startedAt(inside)).amount());
        assertThat(inside.path("fareParts").path("total").asLong()).isEqualTo(inside.path("fare").path("amount").asLong());

        Ride padded = Ride.offered(api, "서울71가7171", "Lim Su").assigned().started();
        padded.driver().drive(padded.pickup(), 5_000);
        padded.driver().alight(padded.callId(), 2_000_000, 20);
        JsonNode outside = awaitStatus(padded.callId(), "COMPLETED");
        assertThat(outside.path("ride").path("fareSource").asText()).isEqualTo("SERVER");
        assertThat(outside.path("ride").path("distanceMeters").asLong()).isBetween(4_990L, 5_010L);
        assertThat(outside.path("payment").path("amount").asLong()).isLessThan(10_000)
                .isEqualTo(outside.path("fare").path("amount").asLong());
        String flagged = Api.operator().get("/operations/trips").body().toString();
        assertThat(flagged).contains(padded.callId(), "METER_OUTSIDE_BAND").doesNotContain(honest.callId());
    }

    private static Instant startedAt(JsonNode view) {
        return StreamSupport.stream(view.path("timeline").spliterator(), false)
                .filter(stage -> stage.path("type").asText().equals("trip.started"))
                .map(stage -> Instant.parse(stage.path("time").asText())).findFirst().orElseThrow();
    }
}
