package io.anycalltaxi.core.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who issues people's tokens. By default one issuer for everyone (sign-in, or an OIDC provider
 * that took its place). A company may instead sign its operators in with its own OIDC provider:
 * then tokens of that issuer make operators only, and sign-in's make no operators.
 */
public class PeopleIssuers {

    private final String rolesClaim;
    private final String operatorRole;
    private final String peopleIssuer;
    private final String operatorIssuer;
    private final String operatorKeys;
    private final String operatorAudience;
    private final String operatorRolesClaim;

    public PeopleIssuers(String rolesClaim, String operatorRole, String peopleIssuer, String operatorIssuer,
            String operatorKeys, String operatorAudience, String operatorRolesClaim) {
        this.rolesClaim = rolesClaim;
        this.operatorRole = operatorRole;
        this.peopleIssuer = peopleIssuer;
        this.operatorIssuer = operatorIssuer;
        this.operatorKeys = operatorKeys;
        this.operatorAudience = operatorAudience;
        this.operatorRolesClaim = operatorRolesClaim;
    }

    /** @param peopleTokens the people issuer's decoder (Boot's, from spring.security.oauth2.resourceserver.jwt.*) */
    public AuthenticationManagerResolver<HttpServletRequest> resolver(JwtDecoder peopleTokens) {
        if (operatorIssuer.isBlank()) {
            AuthenticationManager everyone = manager(peopleTokens, new ActorTokens(rolesClaim, operatorRole));
            return request -> everyone;
        }
        AuthenticationManager people = manager(peopleTokens,
                new ActorTokens(rolesClaim, operatorRole, EnumSet.complementOf(EnumSet.of(Role.OPERATOR))));
        AuthenticationManager operators = manager(operatorTokens(),
                new ActorTokens(operatorRolesClaim, operatorRole, EnumSet.of(Role.OPERATOR)));
        Map<String, AuthenticationManager> byIssuer = Map.of(peopleIssuer, people, operatorIssuer, operators);
        return new JwtIssuerAuthenticationManagerResolver(byIssuer::get);
    }

    /** The organisation's issuer: its keys found by discovery unless given, on first use. */
    private JwtDecoder operatorTokens() {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = operatorKeys.isBlank()
                    ? (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(operatorIssuer)
                    : NimbusJwtDecoder.withJwkSetUri(operatorKeys).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(operatorIssuer),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(operatorAudience))));
            return decoder;
        });
    }

    private static AuthenticationManager manager(JwtDecoder decoder, ActorTokens actors) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(VerifiedTokens.remembering(decoder));
        provider.setJwtAuthenticationConverter(actors);
        return provider::authenticate;
    }
}
