package io.anycalltaxi.local.payment;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.local.card.LocalCardProcessor;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Money;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.Views;

/**
 * Money that is always right: whatever goes wrong between end-trip-pay, payment and the card
 * processor (a lost answer, a card replaced meanwhile, two actors at once, "processing", a timeout
 * after the charge), exactly one charge stands and no trip is left ENDED without a reason.
 */
@ExtendWith(SharedStack.class)
class MoneyTest {

    private static final LocalCardProcessor.Simulation NORMAL = new LocalCardProcessor.Simulation(Duration.ZERO,
            false, false, false);

    private final Api api = Api.gateway();

    @AfterEach
    void processorBehaves() {
        Money.processor().simulate(NORMAL);
    }

    private static Ride ended(Ride ride) {
        ride.started().driver().drive(ride.pickup(), 3_000);
        ride.driver().alight(ride.callId(), 3_000, 20);
        return ride;
    }

    private static void awaitAttempt(String callId, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Money.attempts(callId).stream()
                .anyMatch(a -> state.equals(a.getString("state"))));
    }

    private static JsonNode tickUntilCompleted(String callId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Console.firePing("dispatch-tick");
            return "COMPLETED".equals(Api.operator().get("/trips/" + callId).body().path("status").asText());
        });
        return awaitStatus(callId, "COMPLETED");
    }

    @Test
    void aCardReplacedBetweenALostAnswerAndItsRetryIsNotChargedTheChargeThatWentThroughStands() {
        Ride ride = Ride.offered(api, "서울81가8181", "Moon Ha").assigned();
        Money.processor().simulate(new LocalCardProcessor.Simulation(Duration.ZERO, false, false, true));
        ended(ride);
        awaitAttempt(ride.callId(), "UNKNOWN");
        Money.processor().simulate(NORMAL);

        Api.Response replaced = ride.rider().api.put("/members/" + ride.rider().memberId + "/card",
                Map.of("number", "5555 5555 5555 4444", "expMonth", 3, "expYear", 2034, "cvc", "321"));
        assertThat(replaced.status()).isEqualTo(200);

        JsonNode paid = tickUntilCompleted(ride.callId());
        assertThat(paid.path("payment").path("cardLast4").asText()).as("the card the charge went through on")
                .isEqualTo("4242");
        assertThat(Money.approvedFor(ride.callId())).hasSize(1);
        assertThat(Money.attempts(ride.callId())).hasSize(1);
    }

    @Test
    void actorsSettlingTheSameTripAtOnceChargeItOnceAndTheSweepSettlesTheOthers() {
        FunctionHost payment = SharedStack.stack().function("payment");
        List<Ride> rides = List.of(Ride.offered(api, "서울82가8282", "Nam Gi").assigned(),
                Ride.offered(api, "서울83가8383", "Oh Rin").assigned());
        payment.stop();
        try {
            rides.forEach(MoneyTest::ended);
            rides.forEach(ride -> awaitStatus(ride.callId(), "ENDED"));
        } finally {
            payment.start();
        }
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> Console.firePing("dispatch-tick")),
                CompletableFuture.runAsync(() -> Console.firePing("dispatch-tick")),
                CompletableFuture.runAsync(() -> Console.firePing("dispatch-tick"))).join();

        rides.forEach(ride -> tickUntilCompleted(ride.callId()));
        assertThat(rides).allSatisfy(ride -> {
            assertThat(Money.approvedFor(ride.callId())).as(ride.callId()).hasSize(1);
            assertThat(Money.attempts(ride.callId())).filteredOn(a -> "APPROVED".equals(a.getString("state")))
                    .hasSize(1);
        });
    }

    @Test
    void aChargeStillProcessingIsAskedAgainNotTakenForADecline() {
        Ride ride = Ride.offered(api, "서울84가8484", "Park Ye").assigned();
        Money.processor().simulate(new LocalCardProcessor.Simulation(Duration.ZERO, false, true, false));
        ended(ride);

        JsonNode paid = tickUntilCompleted(ride.callId());
        assertThat(paid.path("payment").path("status").asText()).isEqualTo("PAID");
        assertThat(Money.approvedFor(ride.callId())).hasSize(1);
        assertThat(Money.attempts(ride.callId())).as("one attempt, asked again, never declined")
                .singleElement().satisfies(a -> assertThat(a.getString("state")).isEqualTo("APPROVED"));
        assertThat(Views.timeline(paid)).doesNotContain("payment.failed");
    }

    @Test
    void aChargeThatTimedOutButWentThroughIsFoundAndNotChargedAgain() {
        Ride ride = Ride.offered(api, "서울85가8585", "Ryu Jin").assigned();
        // slower than end-trip-pay waits for payment (3 s): its answers are lost, the charges made
        Money.processor().simulate(new LocalCardProcessor.Simulation(Duration.ofSeconds(4), false, false, false));
        ended(ride);
        awaitAttempt(ride.callId(), "PENDING");
        await().atMost(Duration.ofSeconds(30)).until(() -> Money.approvedFor(ride.callId()).size() == 1);
        Money.processor().simulate(NORMAL);

        tickUntilCompleted(ride.callId());
        assertThat(Money.approvedFor(ride.callId())).hasSize(1);
        assertThat(Money.attempts(ride.callId())).hasSize(1);
    }

    @Test
    void withPaymentDownTheFriendHearsOfTheArrivalAtOnceAndTheTripCompletesOnceChargedOnce() {
        FunctionHost payment = SharedStack.stack().function("payment");
        Ride ride = Ride.offered(api, "서울86가8686", "Seo Yun").assigned();
        payment.stop();
        try {
            ended(ride);
            JsonNode waiting = awaitView(ride.callId(), view -> view.path("notifications").toString()
                    .contains("trip-arrived"));
            assertThat(waiting.path("status").asText()).isEqualTo("ENDED");
        } finally {
            payment.start();
        }
        tickUntilCompleted(ride.callId());
        assertThat(Money.approvedFor(ride.callId())).hasSize(1);
    }

    @Test
    void anOperatorRefundsAPaidTripInPartNeverMoreThanWasPaid() {
        Ride ride = Ride.offered(api, "서울87가8787", "Tak Na").assigned().started();
        JsonNode paid = ride.completed(3_000, 20);
        long fare = paid.path("payment").path("amount").asLong();

        Api.Response part = Api.operator().post("/operations/trips/" + ride.callId() + "/refunds",
                Map.of("amount", Map.of("amount", 1_000, "currency", "KRW"), "reason", "detour"));
        assertThat(part.status()).as(part.body().toString()).isEqualTo(200);
        Api.Response tooMuch = Api.operator().post("/operations/trips/" + ride.callId() + "/refunds",
                Map.of("amount", Map.of("amount", fare, "currency", "KRW"), "reason", "all of it again"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(ride.rider().api.post("/operations/trips/" + ride.callId() + "/refunds",
                Map.of("amount", Map.of("amount", 1, "currency", "KRW"), "reason", "me")).status()).isEqualTo(403);

        JsonNode refunded = awaitView(ride.callId(), view -> view.path("refunds").size() == 1);
        assertThat(refunded.path("refunds").get(0).path("amount").asLong()).isEqualTo(1_000);
        assertThat(refunded.path("status").asText()).isEqualTo("COMPLETED");
        String reference = "ch_local_" + java.util.UUID.nameUUIDFromBytes((ride.callId() + "#1").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Money.processor().refundedOn(reference)).isEqualTo(1_000);
    }
}
