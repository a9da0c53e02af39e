package io.anycalltaxi.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.support.TestPropertySourceUtils;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;

import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.security.PhoneIdentity;

/**
 * The two token issuers a function trusts, for function tests: people's (as sign-in issues them)
 * and workloads' (as the cluster does), signed with one test key published at a real JWKS
 * endpoint. Tokens are made with the same code as in production ({@link PeopleTokens}).
 */
public final class TestIdentity {

    public static final String PEOPLE_ISSUER = "http://people.test";
    public static final String WORKLOAD_ISSUER = "http://workloads.test";
    public static final String NAMESPACE = "anycalltaxi";
    /** The identity the local broker gives a Trigger, as Knative names Triggers' service accounts. */
    public static final String TRIGGER = "system:serviceaccount:" + NAMESPACE + ":test-oidc-eventing.knative.dev-trigger";

    private static RSAKey key;
    private static String pem;
    private static String jwks;
    private static String shareKey;
    private static PeopleTokens people;
    private static Path tokenDir;

    private TestIdentity() {
    }

    private static synchronized void start() {
        if (key != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyIDFromThumbprint().build();
            // one line: inlined test properties end at a line break
            pem = "-----BEGIN PRIVATE KEY-----" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "-----END PRIVATE KEY-----";
            byte[] published = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, published.length);
                exchange.getResponseBody().write(published);
                exchange.close();
            });
            server.start();
            jwks = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            byte[] share = new byte[32];
            new SecureRandom().nextBytes(share);
            shareKey = Base64.getEncoder().encodeToString(share);
            people = new PeopleTokens(key, PEOPLE_ISSUER, Duration.ofMinutes(15), Clock.systemUTC());
            tokenDir = Files.createTempDirectory("anycalltaxi-test-tokens");
        } catch (NoSuchAlgorithmException | JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the test key is published. */
    public static String jwkSetUri() {
        start();
        return jwks;
    }

    /** The settings that make a function trust these issuers (and sign with this key, if it issues tokens). */
    public static String[] properties() {
        start();
        return new String[] {
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + PEOPLE_ISSUER,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwks,
                "anycalltaxi.identity.issuer=" + WORKLOAD_ISSUER,
                "anycalltaxi.identity.jwk-set-uri=" + jwks,
                "anycalltaxi.identity.namespace=" + NAMESPACE,
                "anycalltaxi.identity.token-dir=" + tokenDir,
                "anycalltaxi.tokens.signing-key=" + pem,
                "anycalltaxi.share.key=" + shareKey };
    }

    public static String customer(String memberId) {
        start();
        return people.accessFor(new PhoneIdentity(new PhoneNumber("+821000000000"), memberId, null)).value();
    }

    public static String driver(String taxiId) {
        start();
        return people.accessFor(new PhoneIdentity(new PhoneNumber("+821000000001"), null, taxiId)).value();
    }

    /** A phone's sign-up token (E.164). */
    public static String signup(String phone) {
        start();
        return people.accessFor(new PhoneIdentity(new PhoneNumber(phone), null, null)).value();
    }

    public static String operator() {
        start();
        return people.operator("operator:test", Duration.ofMinutes(15)).value();
    }

    /** {@code Authorization} for an HTTP client, name and value. */
    public static String[] bearer(String token) {
        return new String[] { "Authorization", "Bearer " + token };
    }

    /** A Trigger's delivery to this function, as the broker makes it. */
    public static String[] delivery(String function) {
        return bearer(workload(TRIGGER, function, Duration.ofHours(1)));
    }

    /** A workload's token: {@code subject} calling {@code audience}. */
    public static String workload(String subject, String audience, Duration validFor) {
        Instant now = Instant.now();
        return signed(JwtClaimsSet.builder().issuer(WORKLOAD_ISSUER).subject(subject).audience(List.of(audience))
                .issuedAt(now).expiresAt(now.plus(validFor)).id(UUID.randomUUID().toString()).build());
    }

    /** Any claims, signed with the trusted key. */
    public static String signed(JwtClaimsSet claims) {
        start();
        return signed(claims, key);
    }

    /** Any claims, signed with any key. */
    public static String signed(JwtClaimsSet claims, RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(signingKey)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(signingKey.getKeyID())
                        .build(), claims)).getTokenValue();
    }

    /** Gives the function its own workload tokens, as Kubernetes projects them: for the broker and payment. */
    public static void projectTokensFor(String function) {
        start();
        String subject = "system:serviceaccount:" + NAMESPACE + ":" + function;
        try {
            Files.writeString(tokenDir.resolve("broker"), workload(subject, "broker", Duration.ofHours(1)));
            Files.writeString(tokenDir.resolve("payment"), workload(subject, "payment", Duration.ofHours(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points a Spring test context at these issuers. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, properties());
            String function = context.getEnvironment().getProperty("spring.config.name");
            if (function != null) {
                projectTokensFor(function);
            }
        }
    }
}
