package io.anycalltaxi.core.cloudevents;

import static io.anycalltaxi.core.testing.CloudEventClient.fromDriver;
import static io.anycalltaxi.core.testing.CloudEventClient.get;
import static io.anycalltaxi.core.testing.CloudEventClient.postBinary;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.security.TokenClaims;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.cloudevents.CloudEvent;

/**
 * A function takes a person's request only with a valid people token, and an event only with a
 * Trigger's workload token for itself: expired, tampered, foreign-signed, mis-addressed tokens and
 * the wrong kind of token are all 401.
 */
@FunctionTest(properties = "spring.application.name=boarding")
class BearerTokensTest {

    @LocalServerPort
    int port;

    private String url;

    @BeforeEach
    void url() {
        url = "http://localhost:" + port + "/";
    }

    private static JwtClaimsSet.Builder people(Instant issued, Duration validFor) {
        return JwtClaimsSet.builder().issuer(TestIdentity.PEOPLE_ISSUER).audience(List.of(TokenClaims.AUDIENCE))
                .subject("operator:test").issuedAt(issued).expiresAt(issued.plus(validFor))
                .claim(TokenClaims.ROLES, List.of("operator"));
    }

    private int asPerson(String token) {
        return get(url, TestIdentity.bearer(token)).statusCode();
    }

    @Test
    void aValidPersonsTokenIsTaken() {
        assertThat(asPerson(TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5)).build()))).isEqualTo(200);
    }

    @Test
    void noTokenIs401WithAProblem() {
        HttpResponse<byte[]> response = get(url);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anExpiredTokenIs401() {
        assertThat(asPerson(TestIdentity.signed(people(Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15))
                .build()))).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIs401() {
        String token = TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5)).build());
        String[] parts = token.split("\\.");
        String otherClaims = TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5)).subject("someone-else").build())
                .split("\\.")[1];

        assertThat(asPerson(parts[0] + "." + otherClaims + "." + parts[2])).isEqualTo(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();

        assertThat(asPerson(TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5)).build(), stranger)))
                .isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertThat(asPerson(TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5))
                .audience(List.of("another-app")).build()))).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        assertThat(asPerson(TestIdentity.signed(people(Instant.now(), Duration.ofMinutes(5))
                .issuer("http://elsewhere.test").build()))).isEqualTo(401);
    }

    private static CloudEvent location() {
        return fromDriver(EventType.DRIVER_LOCATION_REPORTED, "taxi-1", null, new LocationReported("taxi-1", 37.5, 127.0, true));
    }

    @Test
    void anEventFromATriggerIsTaken() {
        assertThat(postBinary(url, location(), TestIdentity.delivery("boarding")).statusCode()).isEqualTo(202);
    }

    @Test
    void anEventWithAPersonsTokenIs401() {
        assertThat(postBinary(url, location(), TestIdentity.bearer(TestIdentity.operator())).statusCode()).isEqualTo(401);
    }

    @Test
    void anEventForAnotherFunctionIs401() {
        assertThat(postBinary(url, location(), TestIdentity.delivery("payment")).statusCode()).isEqualTo(401);
    }

    @Test
    void anEventFromAWorkloadThatIsNoTriggerIs401() {
        String token = TestIdentity.workload("system:serviceaccount:anycalltaxi:some-app", "boarding", Duration.ofMinutes(5));

        assertThat(postBinary(url, location(), TestIdentity.bearer(token)).statusCode()).isEqualTo(401);
    }

    @Test
    void anEventWithoutTokenIs401() {
        assertThat(postBinary(url, location()).statusCode()).isEqualTo(401);
    }
}
