package io.anycalltaxi.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.testing.TripFixtures;

/**
 * Signing in with a phone one proves to own, against an SMS provider played by a local HTTP server:
 * the texted code gives tokens once, five wrong tries burn it, codes are asked for a limited number
 * of times per phone and per address, and nothing but a hash of a code or refresh token is stored.
 */
@FunctionTest(properties = { "spring.config.name=sign-in", "anycalltaxi.sms.http.account=AC-test",
        "anycalltaxi.sms.http.secret=s3cret", "anycalltaxi.sms.http.sender=+8215880000",
        "anycalltaxi.sign-in.limits.per-address.requests=6" })
class SignInTest {

    private static final ScriptedHttpServer PROVIDER = new ScriptedHttpServer();
    private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(90_000_000));
    private static final AtomicInteger ADDRESSES = new AtomicInteger(ThreadLocalRandom.current().nextInt(200));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("anycalltaxi.sms.http.url", PROVIDER::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoOperations mongo;

    private String address;

    @BeforeEach
    void freshClient() {
        PROVIDER.script(Reply.json(202, "{\"id\":\"SM1\"}"));
        address = "10.1." + ADDRESSES.incrementAndGet() / 250 + "." + ADDRESSES.get() % 250;
    }

    private static String freshPhone() {
        return "+8210" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
    }

    private HttpResponse<byte[]> post(String path, Object body) throws Exception {
        return CloudEventClient.postRaw("http://localhost:" + port + path, "application/json",
                JSON.writeValueAsString(body), "X-Forwarded-For", "203.0.113.9, " + address);
    }

    private String askForCode(String phone) throws Exception {
        assertThat(post("/auth/codes", Map.of("phone", phone)).statusCode()).isEqualTo(202);
        List<ScriptedHttpServer.Request> texts = PROVIDER.requests();
        JsonNode sent = JSON.readTree(texts.get(texts.size() - 1).body());
        assertThat(sent.path("to").asText()).isEqualTo(phone);
        Matcher code = CODE.matcher(sent.path("text").asText());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private JsonNode tokens(String phone, String code) throws Exception {
        HttpResponse<byte[]> answer = post("/auth/tokens", Map.of("phone", phone, "code", code));
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void theTextedCodeGivesABearerTokenAndARefreshToken() throws Exception {
        String phone = freshPhone();
        JsonNode tokens = tokens(phone, askForCode(phone));

        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(900);
        assertThat(tokens.path("refresh_token").asText()).hasSizeGreaterThan(40);
        JsonNode claims = claims(tokens.path("access_token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(TestIdentity.PEOPLE_ISSUER);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"signup\"]");
        assertThat(claims.path("phone").asText()).as("a sign-up token names its phone").isEqualTo(phone);
    }

    @Test
    void aMembersPhoneSignsInAsThatCustomer() throws Exception {
        String phone = freshPhone();
        String memberId = TripFixtures.member(mongo, Language.KO, phone, freshPhone()).memberId();

        JsonNode claims = claims(tokens(phone, askForCode(phone)).path("access_token").asText());

        assertThat(claims.path("sub").asText()).isEqualTo(memberId);
        assertThat(claims.path("member_id").asText()).isEqualTo(memberId);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"customer\"]");
        assertThat(claims.has("phone")).isFalse();
    }

    @Test
    void aCodeIsGoodOnce() throws Exception {
        String phone = freshPhone();
        String code = askForCode(phone);
        tokens(phone, code);

        HttpResponse<byte[]> again = post("/auth/tokens", Map.of("phone", phone, "code", code));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theSixthTryFailsEvenWithTheRightCode() throws Exception {
        String phone = freshPhone();
        String code = askForCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<byte[]> refused = post("/auth/tokens", Map.of("phone", phone, "code", wrong));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        HttpResponse<byte[]> sixth = post("/auth/tokens", Map.of("phone", phone, "code", code));

        assertThat(sixth.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(sixth.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRightCodeWithinFiveTriesIsTaken() throws Exception {
        String phone = freshPhone();
        String code = askForCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(post("/auth/tokens", Map.of("phone", phone, "code", wrong)).statusCode()).isEqualTo(400);
        }

        assertThat(post("/auth/tokens", Map.of("phone", phone, "code", code)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenGivesANewAccessTokenOnceWithThePhonesCurrentRoles() throws Exception {
        String phone = freshPhone();
        String refresh = tokens(phone, askForCode(phone)).path("refresh_token").asText();
        String memberId = TripFixtures.member(mongo, Language.EN, phone, freshPhone()).memberId();

        HttpResponse<byte[]> refreshed = post("/auth/tokens", Map.of("grant_type", "refresh_token", "refresh_token", refresh));

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(refreshed.body());
        assertThat(claims(answer.path("access_token").asText()).path("member_id").asText()).isEqualTo(memberId);
        assertThat(answer.path("refresh_token").asText()).isNotEqualTo(refresh);
        assertThat(post("/auth/tokens", Map.of("grant_type", "refresh_token", "refresh_token", refresh)).statusCode())
                .as("a refresh token is spent by its use").isEqualTo(400);
    }

    @Test
    void codesAreLimitedPerPhone() throws Exception {
        String phone = freshPhone();
        for (int request = 1; request <= 3; request++) {
            askForCode(phone);
        }
        int textsBefore = PROVIDER.requests().size();

        HttpResponse<byte[]> fourth = post("/auth/codes", Map.of("phone", phone));

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(PROVIDER.requests()).as("nothing texted").hasSize(textsBefore);
    }

    @Test
    void codesAreLimitedPerClientAddressAsTheGatewaySawIt() throws Exception {
        for (int request = 1; request <= 6; request++) {
            askForCode(freshPhone());
        }

        HttpResponse<byte[]> seventh = post("/auth/codes", Map.of("phone", freshPhone()));

        assertThat(seventh.statusCode()).isEqualTo(429);
        assertThat(seventh.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anInvalidPhoneIsABadRequest() throws Exception {
        HttpResponse<byte[]> answer = post("/auth/codes", Map.of("phone", "12"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(new String(answer.body())).contains("phone");
    }

    @Test
    void onlyHashesAreStored() throws Exception {
        String phone = freshPhone();
        String code = askForCode(phone);
        JsonNode tokens = tokens(phone, code);

        String stored = mongo.getCollection("sign_in_codes").find(new Document("_id", phone)).first().toJson()
                + mongo.getCollection("refresh_tokens").find().into(new java.util.ArrayList<>()).toString();
        assertThat(stored).doesNotContain(code).doesNotContain(tokens.path("refresh_token").asText())
                .doesNotContain(tokens.path("access_token").asText());
    }

    @Test
    void theKeysArePublishedForEveryFunction() throws Exception {
        JsonNode discovery = JSON.readTree(CloudEventClient.get("http://localhost:" + port
                + "/.well-known/openid-configuration").body());
        JsonNode keys = JSON.readTree(CloudEventClient.get("http://localhost:" + port + "/.well-known/jwks.json").body());

        assertThat(discovery.path("issuer").asText()).isEqualTo(TestIdentity.PEOPLE_ISSUER);
        assertThat(discovery.path("jwks_uri").asText()).endsWith("/.well-known/jwks.json");
        assertThat(keys.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
        assertThat(keys.path("keys").get(0).has("d")).as("no private part").isFalse();
    }
}
