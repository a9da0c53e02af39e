package io.anycalltaxi.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** A person signing in with a phone, as the apps do: a code by SMS (read from the local recorder), then tokens. */
public final class SignIn {

    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");

    private SignIn() {
    }

    /** Asks for a code and reads it from the phone's texts (the newest sign-in code). */
    public static String code(String phone) {
        return code(Api.gateway(), SharedStack.stack().smsRecorder(), phone);
    }

    /** As {@link #code(String)}, on a stack of its own (its gateway and SMS recorder). */
    public static String code(Api gateway, URI smsRecorder, String phone) {
        int before = countCodes(texts(smsRecorder, phone));
        Api.Response asked = gateway.post("/auth/codes", Map.of("phone", phone));
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
        JsonNode texts = await().atMost(Duration.ofSeconds(10)).until(() -> texts(smsRecorder, phone),
                t -> countCodes(t) > before);
        String last = null;
        for (JsonNode text : texts) {
            if ("sign-in-code".equals(text.path("kind").asText())) {
                last = text.path("text").asText();
            }
        }
        Matcher code = CODE.matcher(last);
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    /** The token answer for a proved phone ({@code access_token}, {@code refresh_token}, ...). */
    public static JsonNode tokens(String phone) {
        return tokens(Api.gateway(), SharedStack.stack().smsRecorder(), phone);
    }

    private static JsonNode tokens(Api gateway, URI smsRecorder, String phone) {
        Api.Response tokens = gateway.post("/auth/tokens", Map.of("phone", phone, "code",
                code(gateway, smsRecorder, phone)));
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        return tokens.body();
    }

    /** A bearer token for the phone, whatever it is to the system now. */
    public static String accessToken(String phone) {
        return accessToken(Api.gateway(), SharedStack.stack().smsRecorder(), phone);
    }

    public static String accessToken(Api gateway, URI smsRecorder, String phone) {
        return tokens(gateway, smsRecorder, phone).path("access_token").asText();
    }

    /** The texts the phone got, oldest first, as the local SMS recorder lists them. */
    public static JsonNode texts(String phone) {
        return texts(SharedStack.stack().smsRecorder(), phone);
    }

    private static JsonNode texts(URI smsRecorder, String phone) {
        return new Api(smsRecorder).get("/messages?phone=" + phone).body();
    }

    private static int countCodes(JsonNode texts) {
        int count = 0;
        for (JsonNode text : texts) {
            if ("sign-in-code".equals(text.path("kind").asText())) {
                count++;
            }
        }
        return count;
    }
}
