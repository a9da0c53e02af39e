package io.anycalltaxi.core.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.anycalltaxi.core.security.TokenClaims;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;

/**
 * A company that signs its operators in with its own OIDC provider, by configuration alone: that
 * issuer's tokens make operators (with roles in its own claim) and nothing else; sign-in's tokens
 * still make customers, and no longer operators.
 */
@FunctionTest(properties = { "spring.application.name=boarding",
        "anycalltaxi.security.operators.issuer-uri=" + OperatorIssuerTest.SSO,
        "anycalltaxi.security.operators.roles-claim=realm_access.roles",
        "anycalltaxi.security.operator-role=taxi-operator" })
class OperatorIssuerTest {

    static final String SSO = "http://sso.test/realms/anycalltaxi";

    @DynamicPropertySource
    static void ssoKeys(DynamicPropertyRegistry registry) {
        registry.add("anycalltaxi.security.operators.jwk-set-uri", TestIdentity::jwkSetUri);
    }

    @LocalServerPort
    int port;

    private int get(String path, String token) {
        return CloudEventClient.get("http://localhost:" + port + path, TestIdentity.bearer(token)).statusCode();
    }

    private static String sso(List<String> roles) {
        Instant now = Instant.now();
        return TestIdentity.signed(JwtClaimsSet.builder().issuer(SSO).audience(List.of(TokenClaims.AUDIENCE))
                .subject("jane@taxi.example").issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("realm_access", Map.of("roles", roles)).build());
    }

    @Test
    void theCompanysIssuerMakesOperators() {
        assertThat(get("/actuator/info", sso(List.of("taxi-operator")))).isEqualTo(200);
        assertThat(get("/actuator/info", sso(List.of("staff")))).isEqualTo(403);
    }

    @Test
    void signInsTokensStillMakeCustomersButNoLongerOperators() {
        assertThat(get("/", TestIdentity.customer("member-1"))).isEqualTo(200);
        assertThat(get("/actuator/info", TestIdentity.operator())).isEqualTo(403);
    }
}
