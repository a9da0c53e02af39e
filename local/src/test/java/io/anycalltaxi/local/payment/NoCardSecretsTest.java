package io.anycalltaxi.local.payment;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.SignIn;
import io.anycalltaxi.local.testing.StoredDocuments;

/**
 * A card number or CVC is never stored and never logged. A member signs up,
 * rides, pays, and replaces the card; then every document of every collection and every log line
 * written meanwhile is searched for them.
 */
@ExtendWith({ SharedStack.class, OutputCaptureExtension.class })
class NoCardSecretsTest {

    private static final String FIRST_CARD = "5105105105105100";
    private static final String FIRST_CVC = "918";
    private static final String SECOND_CARD = "4012888888881881";
    private static final String SECOND_CVC = "473";

    private final Api api = Api.gateway();

    @Test
    void cardNumbersAndCvcsAreNeitherStoredNorLogged(CapturedOutput output) {
        String phone = Rider.freshPhone();
        Api.Response signedUp = api.as(SignIn.accessToken(phone)).post("/members", Map.of("name", "Careful Rider", "phone", phone,
                "friendPhone", Rider.freshPhone(), "language", "ko",
                "card", Map.of("number", spaced(FIRST_CARD), "expMonth", 1, "expYear", 2036, "cvc", FIRST_CVC)));
        assertThat(signedUp.status()).isEqualTo(201);
        String memberId = signedUp.text("memberId");
        Api member = api.as(signedUp.text("access_token"));
        Place pickup = Rider.somewhere();
        Driver driver = new Driver("서울44라4444", "Jung Woo");
        driver.standBy(pickup);
        String callId = member.post("/calls", Map.of("memberId", memberId, "pickup", pickup,
                "dropoff", Rider.near(pickup, 3_000))).text("callId");
        awaitView(callId, hasInTimeline("call.offered"));
        driver.accept(callId);
        awaitStatus(callId, "ASSIGNED");
        driver.board(callId);
        awaitStatus(callId, "STARTED");
        driver.alight(callId, 3_000, 500);
        awaitStatus(callId, "COMPLETED");
        assertThat(member.put("/members/" + memberId + "/card", Map.of("number", SECOND_CARD, "expMonth", 2,
                "expYear", 2037, "cvc", SECOND_CVC)).status()).isEqualTo(200);
        Broker.awaitAllDelivered();

        List<String> secrets = List.of(FIRST_CARD, spaced(FIRST_CARD), SECOND_CARD, spaced(SECOND_CARD));
        assertThat(output.getAll()).as("the capture saw this ride's logs").contains("callId=" + callId, memberId);
        assertThat(output.getAll()).doesNotContain(secrets).doesNotContainIgnoringCase("cvc");
        List<String> documents = StoredDocuments.all();
        assertThat(documents).isNotEmpty().allSatisfy(document -> {
            assertThat(document).doesNotContain(secrets).doesNotContainIgnoringCase("\"cvc\"")
                    .doesNotContain("\"" + FIRST_CVC + "\"", "\"" + SECOND_CVC + "\"");
        });
        assertThat(documents).anySatisfy(document -> assertThat(document).contains("\"last4\": \"1881\""));
    }

    private static String spaced(String number) {
        return number.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }
}
