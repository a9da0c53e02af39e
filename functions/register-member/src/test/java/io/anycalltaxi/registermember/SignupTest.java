package io.anycalltaxi.registermember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.member.MemberDocument;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.testing.TestIdentity;

/** F0, signing up: every invalid field is named in a 400, and nothing is stored. */
@FunctionTest(properties = { "spring.config.name=register-member", "anycalltaxi.card-processor.secret-key=sk_test" })
class SignupTest {

    /** The payment gateway, tokenising every card it is given (its HTTP adapter is the function's). */
    private static final ScriptedHttpServer GATEWAY = new ScriptedHttpServer();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.script(Reply.json(200, "{\"token\":\"tok_test_4242\",\"brand\":\"visa\",\"last4\":\"4242\"}"));
        registry.add("anycalltaxi.card-processor.url", GATEWAY::url);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PHONES = new AtomicInteger(20_000_000);

    @LocalServerPort
    int port;

    @Autowired
    MongoOperations mongo;

    private record Answer(int status, JsonNode body) {
    }

    /** The sign-up token's phone for a body that names none (malformed requests). */
    private static final String ANY_PHONE = "+821000000099";

    private static String freshPhone() {
        return "010-" + PHONES.incrementAndGet() / 10_000 + "-" + String.format("%04d", PHONES.get() % 10_000);
    }

    private static Map<String, Object> form(String phone) {
        Map<String, Object> card = new HashMap<>(Map.of("number", "4242 4242 4242 4242", "expMonth", 12,
                "expYear", 2035, "cvc", "123"));
        Map<String, Object> form = new HashMap<>(Map.of("name", "Jiwoo Kim", "phone", phone,
                "friendPhone", "+82 10 9999 0000", "language", "en"));
        form.put("card", card);
        return form;
    }

    private Answer post(String path, Object body) throws IOException, InterruptedException {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        String phone = body instanceof Map<?, ?> fields && fields.get("phone") instanceof String typed
                ? PhoneNumber.parse(typed).map(PhoneNumber::e164).orElse(ANY_PHONE) : ANY_PHONE;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .headers(TestIdentity.bearer(TestIdentity.signup(phone)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private long membersWithPhone(String e164) {
        return mongo.count(query(where("phone").is(e164)), MemberDocument.class);
    }

    private static String e164(String koreanMobile) {
        return "+82" + koreanMobile.replace("-", "").substring(1);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("name", "", "must not be blank"),
                Arguments.of("name", "x".repeat(51), "at most 50"),
                Arguments.of("phone", "12345", "E.164"),
                Arguments.of("friendPhone", "call me", "E.164"),
                Arguments.of("language", "fr", "ko or en"),
                Arguments.of("card.number", "4242 4242 4242 4241", "check digit"),
                Arguments.of("card.number", "4242", "12 to 19 digits"),
                Arguments.of("card.expMonth", 13, "1 to 12"),
                Arguments.of("card.expYear", 2020, "expired"),
                Arguments.of("card.cvc", "12", "3 or 4 digits"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    @SuppressWarnings("unchecked")
    void anInvalidFieldIsNamedAndNothingIsStored(String field, Object value, String why) throws Exception {
        String phone = freshPhone();
        Map<String, Object> form = form(phone);
        if (field.startsWith("card.")) {
            ((Map<String, Object>) form.get("card")).put(field.substring(5), value);
        } else {
            form.put(field, value);
        }

        Answer answer = post("/members", form);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("fields").toString()).contains("\"" + field + "\"");
        assertThat(answer.body().path("detail").asText()).contains(field).contains(why);
        assertThat(membersWithPhone(e164(phone))).isZero();
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() throws Exception {
        Answer answer = post("/members", Map.of("name", " ", "phone", "x", "card", Map.of("number", "1")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("fields").toString()).contains("name", "phone", "friendPhone", "card.number",
                "card.expMonth", "card.expYear", "card.cvc");
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        Answer answer = post("/members", "{\"name\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void aPhoneIsRegisteredOnceHoweverItIsWritten() throws Exception {
        String phone = freshPhone();
        assertThat(post("/members", form(phone)).status()).isEqualTo(201);

        Answer again = post("/members", form(e164(phone)));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).contains("already registered").doesNotContain(e164(phone));
        assertThat(membersWithPhone(e164(phone))).isEqualTo(1);
    }

    @Test
    void aMemberIsShownMasked() throws Exception {
        String phone = freshPhone();
        Answer created = post("/members", form(phone));
        String memberId = created.body().path("memberId").asText();

        JsonNode shown = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/members/" + memberId))
                .headers(TestIdentity.bearer(TestIdentity.customer(memberId))).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(shown.path("phoneMasked").asText()).isEqualTo(e164(phone).substring(0, 3) + "******"
                + e164(phone).substring(9));
        assertThat(shown.path("friendPhoneMasked").asText()).isEqualTo("+82******0000");
        assertThat(shown.path("cardLast4").asText()).isEqualTo("4242");
        assertThat(shown.path("language").asText()).isEqualTo("en");
        assertThat(shown.toString()).doesNotContain(e164(phone).substring(3), "4242424242424242");
    }

    @Test
    void aFriendIsSomeoneElse() throws Exception {
        String phone = freshPhone();
        Map<String, Object> form = form(phone);
        form.put("friendPhone", e164(phone));

        Answer answer = post("/members", form);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("fields").toString()).contains("friendPhone");
    }
}
