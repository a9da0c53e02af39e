package io.anycalltaxi.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Issues people's access tokens: RS256 JWTs signed with the key from a Secret, for the
 * {@value TokenClaims#AUDIENCE} audience, short-lived. sign-in issues them for a proved phone,
 * register-member for the member it just registered; every function validates them against
 * sign-in's JWKS.
 */
public class PeopleTokens {

    private final RSAKey key;
    private final JwtEncoder encoder;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public PeopleTokens(RSAKey key, String issuer, Duration lifetime, Clock clock) {
        this.key = key;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A signed access token. */
    public record AccessToken(String value, Duration expiresIn) {
    }

    public AccessToken accessFor(PhoneIdentity identity) {
        return accessFor(identity, lifetime);
    }

    /** A token good for longer or shorter than sign-in's own (a benchmark's prepared callers, say). */
    public AccessToken accessFor(PhoneIdentity identity, Duration validFor) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(TokenClaims.AUDIENCE))
                .subject(identity.subject(digest(identity.phone().e164())))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(validFor))
                .id(UUID.randomUUID().toString())
                .claim(TokenClaims.ROLES, identity.roles().stream().map(Role::claim).sorted().toList());
        if (identity.memberId() != null) {
            claims.claim(TokenClaims.MEMBER_ID, identity.memberId());
        }
        if (identity.taxiId() != null) {
            claims.claim(TokenClaims.TAXI_ID, identity.taxiId());
        }
        if (identity.roles().contains(Role.SIGNUP)) {
            // only a sign-up token names its phone: it may register that phone and no other
            claims.claim(TokenClaims.PHONE, identity.phone().e164());
        }
        return sign(claims.build());
    }

    /** An operator's token (the local runtime's; production operators come from the organisation's issuer). */
    public AccessToken operator(String subject, Duration validFor) {
        Instant now = clock.instant();
        return sign(JwtClaimsSet.builder().issuer(issuer).audience(List.of(TokenClaims.AUDIENCE)).subject(subject)
                .issuedAt(now).notBefore(now).expiresAt(now.plus(validFor)).id(UUID.randomUUID().toString())
                .claim(TokenClaims.ROLES, List.of(Role.OPERATOR.claim())).build());
    }

    private AccessToken sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, Duration.between(claims.getIssuedAt(), claims.getExpiresAt()));
    }

    /** The public half, as a JWKS publishes it. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issuer() {
        return issuer;
    }

    /** 96 bits of the phone's SHA-256: a stable subject that does not spell the phone out. */
    static String digest(String value) {
        return Hashes.sha256Hex(value).substring(0, 24);
    }
}
