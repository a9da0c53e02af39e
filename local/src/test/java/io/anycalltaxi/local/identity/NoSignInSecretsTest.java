package io.anycalltaxi.local.identity;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.SignIn;
import io.anycalltaxi.local.testing.StoredDocuments;

/**
 * A sign-in code, an access token or a refresh token is never logged and never stored: a person
 * signs in, refreshes, signs up and calls a taxi; then every log line written meanwhile and every
 * document of every collection is searched for them.
 */
@ExtendWith({ SharedStack.class, OutputCaptureExtension.class })
class NoSignInSecretsTest {

    private final Api api = Api.gateway();

    @Test
    void codesAndTokensAreNeitherLoggedNorStored(CapturedOutput output) {
        String phone = Rider.freshPhone();
        String code = SignIn.code(phone);
        JsonNode signedIn = api.post("/auth/tokens", Map.of("phone", phone, "code", code)).body();
        String signUpToken = signedIn.path("access_token").asText();
        String refresh = signedIn.path("refresh_token").asText();
        Api.Response signedUp = api.as(signUpToken).post("/members", Map.of("name", "Quiet Rider", "phone", phone,
                "friendPhone", Rider.freshPhone(), "language", "en",
                "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")));
        assertThat(signedUp.status()).isEqualTo(201);
        JsonNode refreshed = api.post("/auth/tokens", Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                .body();
        String memberToken = refreshed.path("access_token").asText();
        Place pickup = Rider.somewhere();
        String callId = api.as(memberToken).post("/calls", Map.of("pickup", pickup, "dropoff", Rider.near(pickup, 1_000)))
                .text("callId");
        awaitView(callId, hasInTimeline("call.offered"));
        Broker.awaitAllDelivered();

        List<String> tokens = List.of(signUpToken, refresh, signedUp.text("access_token"), memberToken,
                refreshed.path("refresh_token").asText());
        Pattern theCode = Pattern.compile("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])");
        assertThat(output.getAll()).as("the capture saw this sign-in").contains("sign-in code texted to +82");
        assertThat(output.getAll()).doesNotContain(tokens).doesNotContainPattern(theCode);
        assertThat(StoredDocuments.all()).isNotEmpty().allSatisfy(document ->
                assertThat(document).doesNotContain(tokens).doesNotContainPattern(theCode));
    }
}
