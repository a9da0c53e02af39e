package io.anycalltaxi.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;

/** Given an issuer's token and the roles that issuer may give, when it is read, then the actor's roles. */
class ActorTokensTest {

    private static final ActorTokens EVERYONE = new ActorTokens("roles", "operator");
    private static final ActorTokens SIGN_IN_BESIDE_AN_SSO = new ActorTokens("roles", "operator",
            EnumSet.complementOf(EnumSet.of(Role.OPERATOR)));
    private static final ActorTokens COMPANY_SSO = new ActorTokens("realm_access.roles", "taxi-operator",
            EnumSet.of(Role.OPERATOR));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a customer of sign-in", EVERYONE, Map.of("roles", List.of("customer")), Set.of(Role.CUSTOMER)),
                Arguments.of("a driver who is a member too", EVERYONE, Map.of("roles", List.of("customer", "driver")),
                        Set.of(Role.CUSTOMER, Role.DRIVER)),
                Arguments.of("an operator of one issuer", EVERYONE, Map.of("roles", List.of("operator")), Set.of(Role.OPERATOR)),
                Arguments.of("roles as one spaced string", EVERYONE, Map.of("roles", "signup"), Set.of(Role.SIGNUP)),
                Arguments.of("an unknown role", EVERYONE, Map.of("roles", List.of("admin")), Set.of()),
                Arguments.of("no roles", EVERYONE, Map.of(), Set.of()),
                Arguments.of("sign-in claiming an operator beside an SSO", SIGN_IN_BESIDE_AN_SSO,
                        Map.of("roles", List.of("operator", "customer")), Set.of(Role.CUSTOMER)),
                Arguments.of("the SSO's operator", COMPANY_SSO, Map.of("realm_access", Map.of("roles", List.of("taxi-operator"))),
                        Set.of(Role.OPERATOR)),
                Arguments.of("the SSO claiming a customer", COMPANY_SSO,
                        Map.of("realm_access", Map.of("roles", List.of("customer", "driver"))), Set.of()),
                Arguments.of("the SSO's 'operator' is not its operator role", COMPANY_SSO,
                        Map.of("realm_access", Map.of("roles", List.of("operator"))), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheRolesTheIssuerMayGive(String given, ActorTokens issuer, Map<String, Object> claims, Set<Role> then) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(jwt::claim);

        Actor actor = ((ActorAuthentication) issuer.convert(jwt.build())).actor();

        assertThat(actor.roles()).isEqualTo(then);
    }
}
