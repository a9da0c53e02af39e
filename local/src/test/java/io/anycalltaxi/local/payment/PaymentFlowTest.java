package io.anycalltaxi.local.payment;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.count;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.local.card.LocalCardProcessor;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * Through the local runtime: the fare charged comes from the tariff; a trip completes only
 * once paid (N1); while payment is down trips wait in ENDED and complete after it is back; a
 * declined card leaves the trip in PAYMENT_FAILED until the member puts another card on file.
 */
@ExtendWith(SharedStack.class)
class PaymentFlowTest {

    private final Api api = Api.gateway();

    /** Boarded and alighted: whether the trip completes is up to payment. */
    private static void ride(Ride ride, long meters, long seconds) {
        ride.started().driver().drive(ride.pickup(), meters);
        ride.driver().alight(ride.callId(), meters, seconds);
    }

    @Test
    void theFareChargedIsTheTariffsForTheMeteredRide() {
        Ride ride = Ride.offered(api, "서울11가1111", "Oh Sena").assigned();

        ride(ride, 12_300, 50);
        JsonNode view = awaitStatus(ride.callId(), "COMPLETED");

        Instant startedAt = StreamSupport.stream(view.path("timeline").spliterator(), false)
                .filter(stage -> stage.path("type").asText().equals("trip.started"))
                .map(stage -> Instant.parse(stage.path("time").asText())).findFirst().orElseThrow();
        Fares tariff = SharedStack.stack().function("end-trip-pay").context().getBean(Fares.class);
        Money expected = tariff.fare(12_300, Duration.ofSeconds(50), startedAt);
        assertThat(view.path("fare").path("amount").asLong()).isEqualTo(expected.amount());
        assertThat(view.path("payment").path("amount").asLong()).isEqualTo(expected.amount());
        assertThat(view.path("payment").path("currency").asText()).isEqualTo("KRW");
        assertThat(timeline(view)).containsSubsequence("trip.ended", "payment.completed", "trip.completed");
    }

    @Test
    void tripsEndedWhilePaymentIsDownWaitThenCompleteChargedOnce() {
        FunctionHost payment = SharedStack.stack().function("payment");
        List<Ride> rides = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rides.add(Ride.offered(api, "서울22나" + (2000 + i), "Driver " + i).assigned());
        }
        payment.stop();
        try {
            rides.forEach(ride -> ride(ride, 5_000, 30));
            rides.forEach(ride -> awaitStatus(ride.callId(), "ENDED"));
            assertThat(rides).allSatisfy(ride -> {
                JsonNode view = Api.operator().get("/trips/" + ride.callId()).body();
                assertThat(view.path("status").asText()).isEqualTo("ENDED");
                assertThat(timeline(view)).doesNotContain("payment.completed", "trip.completed");
            });
        } finally {
            payment.start();
        }

        rides.forEach(ride -> awaitView(ride.callId(), view -> "COMPLETED".equals(view.path("status").asText()),
                Duration.ofSeconds(120)));
        LocalCardProcessor processor = payment.context().getBean(LocalCardProcessor.class);
        assertThat(rides).allSatisfy(ride -> {
            assertThat(approvedPayments(ride.callId())).as("payments of " + ride.callId()).isEqualTo(1);
            assertThat(processor.approvedCharges()).filteredOn(c -> c.idempotencyKey().startsWith(ride.callId()))
                    .hasSize(1);
            assertThat(count(Api.operator().get("/trips/" + ride.callId()).body(), "payment.completed")).isEqualTo(1);
        });
    }

    @Test
    void aDeclinedCardLeavesTheTripUnpaidUntilTheMemberPutsAnotherCardOnFile() {
        Rider rider = Rider.signUp(api, "4000000000000002");
        Ride ride = Ride.offered(rider, new Driver("서울33다3333", "Seo Ha"), 4_000).assigned();
        String callId = ride.callId();

        ride(ride, 4_000, 30);
        JsonNode declined = awaitStatus(callId, "PAYMENT_FAILED");
        assertThat(declined.path("payment").path("status").asText()).isEqualTo("FAILED");
        assertThat(declined.path("payment").path("reason").asText()).isEqualTo("card_declined");
        awaitView(callId, view -> StreamSupport.stream(view.path("notifications").spliterator(), false)
                .anyMatch(n -> n.path("kind").asText().equals("payment-failed")
                        && n.path("phoneMasked").asText().equals(Rider.masked(rider.phone))));

        Api.Response replaced = rider.api.put("/members/" + rider.memberId + "/card",
                Map.of("number", "5555 5555 5555 4444", "expMonth", 3, "expYear", 2034, "cvc", "321"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.text("cardLast4")).isEqualTo("4444");
        assertThat(replaced.text("cardBrand")).isEqualTo("mastercard");

        JsonNode paid = awaitStatus(callId, "COMPLETED");
        assertThat(paid.path("payment").path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("payment").path("cardLast4").asText()).isEqualTo("4444");
        assertThat(timeline(paid)).containsSubsequence("trip.ended", "payment.failed", "payment.completed",
                "trip.completed");
        assertThat(approvedPayments(callId)).isEqualTo(1);
    }

    @Test
    void aCardIsReplacedOnlyWithAValidOneByTheMemberItself() {
        Rider rider = Rider.signUp(api);
        Rider other = Rider.signUp(api);

        Api.Response invalid = rider.api.put("/members/" + rider.memberId + "/card",
                Map.of("number", "4242 4242 4242 4241", "expMonth", 13, "expYear", 2020, "cvc", "1"));
        Api.Response someoneElses = other.api.put("/members/" + rider.memberId + "/card",
                Map.of("number", "5555 5555 5555 4444", "expMonth", 12, "expYear", 2035, "cvc", "123"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("detail")).contains("number", "expMonth", "cvc");
        assertThat(someoneElses.status()).isEqualTo(403);
        assertThat(rider.api.get("/members/" + rider.memberId).text("cardLast4")).isEqualTo("4242");
    }

    private static long approvedPayments(String callId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            return mongo.getDatabase("anycalltaxi").getCollection("payments").countDocuments(
                    new Document("request.callId", callId).append("receipt.status", "APPROVED"));
        }
    }
}
