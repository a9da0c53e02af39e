package io.anycalltaxi.core.security;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Which workloads may call this function: their tokens are issued by the cluster's service-account
 * issuer (Kubernetes' OIDC issuer; the local runtime's locally) for this function's audience, and
 * name a permitted subject. On Knative, with {@code authentication-oidc}, the broker delivers a
 * Trigger's events with a token of the Trigger's own service account.
 */
public class WorkloadIdentity {

    private final String issuer;
    private final String jwkSetUri;
    private final String audience;
    private final String namespace;

    public WorkloadIdentity(String issuer, String jwkSetUri, String audience, String namespace) {
        this.issuer = issuer;
        this.jwkSetUri = jwkSetUri;
        this.audience = audience;
        this.namespace = namespace;
    }

    /** The service account subject of a workload in this namespace. */
    public String serviceAccount(String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** Any Trigger's identity in this namespace (Knative names them {@code <trigger>-oidc-eventing.knative.dev-trigger}). */
    public Pattern triggers() {
        return Pattern.compile(Pattern.quote("system:serviceaccount:" + namespace + ":") + ".+"
                + Pattern.quote("-oidc-eventing.knative.dev-trigger"));
    }

    /** Tokens for this function's audience from a subject matching {@code subjects}. */
    public JwtDecoder decoder(Pattern subjects) {
        return decoder(subjects, audience);
    }

    /** Tokens for {@code audience} (one every function shares, such as the metrics scrapers') from {@code subjects}. */
    public JwtDecoder decoder(Pattern subjects, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && subjects.matcher(sub).matches())));
        return decoder;
    }
}
