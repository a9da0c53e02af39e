package io.anycalltaxi.local.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import io.anycalltaxi.core.security.VerifiedTokens;

/**
 * What the cluster's service-account issuer is to Knative's sender identity, locally: it gives each
 * workload (a function, a Trigger, a PingSource) tokens for an audience, publishes its keys, and
 * checks the tokens it is shown. Its key lives as long as the runtime: tokens are re-issued at start.
 */
public final class WorkloadIssuer {

    /** How long a token is good for; cached ones are renewed well before. */
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_AFTER = Duration.ofMinutes(20);

    private final String issuer;
    private final String namespace;
    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    /** The broker's check of each producer: the same few tokens again and again, each verified once. */
    private final JwtDecoder decoder;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public WorkloadIssuer(String issuer, String namespace) {
        this.issuer = issuer;
        this.namespace = namespace;
        try {
            this.key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
            NimbusJwtDecoder verifier = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            verifier.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            this.decoder = VerifiedTokens.remembering(verifier);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks.json";
    }

    public Map<String, Object> publicKeys() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    public String serviceAccount(String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** A Trigger's identity, named as Knative names a Trigger's generated service account. */
    public String trigger(String name) {
        return serviceAccount(name + "-oidc-eventing.knative.dev-trigger");
    }

    /** A PingSource's identity, named as Knative names a source's service account. */
    public String pingSource(String name) {
        return serviceAccount(name + "-oidc-sources.knative.dev-pingsource");
    }

    /** Knative's audience of an addressable: {@code <group>/<kind>/<namespace>/<name>}, lower case. */
    public String audienceOf(String group, String kind, String name) {
        return (group + "/" + kind + "/" + namespace + "/" + name).toLowerCase(Locale.ROOT);
    }

    /** A current token of {@code subject} for {@code audience}. */
    public String token(String subject, String audience) {
        Instant now = Instant.now();
        Issued current = issued.get(subject + " " + audience);
        if (current == null || current.at().plus(RENEW_AFTER).isBefore(now)) {
            JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject(subject).audience(List.of(audience))
                    .issuedAt(now).notBefore(now).expiresAt(now.plus(LIFETIME)).id(UUID.randomUUID().toString()).build();
            String token = encoder.encode(JwtEncoderParameters.from(
                    JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(), claims)).getTokenValue();
            current = new Issued(token, now);
            issued.put(subject + " " + audience, current);
        }
        return current.token();
    }

    /** The subject of a valid token for {@code audience}, from an {@code Authorization} header. */
    public Optional<String> subjectOf(String authorization, String audience) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(authorization.substring("Bearer ".length()).strip());
            boolean forAudience = new DelegatingOAuth2TokenValidator<>(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))).validate(jwt).hasErrors();
            return forAudience ? Optional.empty() : Optional.ofNullable(jwt.getSubject());
        } catch (JwtException invalid) {
            return Optional.empty();
        }
    }

    /**
     * Projects a workload's tokens into a folder, one file per audience, as Kubernetes projects
     * service-account tokens into a pod; written whole, so a reader never sees half a token.
     */
    public void project(Path directory, String subject, Map<String, String> audienceByFile) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> file : audienceByFile.entrySet()) {
                Path partial = directory.resolve(file.getKey() + ".tmp");
                Files.writeString(partial, token(subject, file.getValue()));
                Files.move(partial, directory.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot project tokens into " + directory, e);
        }
    }

    private record Issued(String token, Instant at) {
    }
}
