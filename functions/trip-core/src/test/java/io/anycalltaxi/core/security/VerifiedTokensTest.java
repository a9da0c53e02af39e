package io.anycalltaxi.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import io.anycalltaxi.core.member.PhoneNumber;

/**
 * Given a token the decoder accepted and the time since, when it comes again, then whether it is
 * verified again: tokens signed by sign-in's real key, checked by a real Nimbus decoder.
 */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.now();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RSAKey KEY = key("sign-in");
    private static final PeopleTokens SIGN_IN = new PeopleTokens(KEY, "https://sign-in", Duration.ofHours(1), CLOCK);
    private static final PhoneIdentity CUSTOMER = new PhoneIdentity(new PhoneNumber("+821012345678"), "m-1", null);

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final JwtDecoder tokens = new VerifiedTokens(counted(NimbusJwtDecoder.withPublicKey(rsa(KEY)).build()),
            nanos::get, CLOCK);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an hour's token, a minute later", Duration.ofHours(1), Duration.ofMinutes(1), 1),
                Arguments.of("an hour's token, just under the remembering's bound", Duration.ofHours(1),
                        VerifiedTokens.AT_MOST.minusSeconds(1), 1),
                Arguments.of("an hour's token, at the remembering's bound", Duration.ofHours(1), VerifiedTokens.AT_MOST, 2),
                Arguments.of("a 2-minute token, a minute later", Duration.ofMinutes(2), Duration.ofMinutes(1), 1),
                Arguments.of("a 2-minute token, as it expires", Duration.ofMinutes(2), Duration.ofMinutes(2), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void remembersAnAcceptedTokenUntilItExpiresAndAtMostFiveMinutes(String given, Duration validFor, Duration later,
            int thenVerified) {
        String token = SIGN_IN.accessFor(CUSTOMER, validFor).value();
        tokens.decode(token);

        nanos.addAndGet(later.toNanos());
        tokens.decode(token);

        assertThat(verifications).hasValue(thenVerified);
    }

    @Test
    void aRefusedTokenIsRefusedAgainByTheDecoder() {
        String forged = new PeopleTokens(key("not sign-in"), "https://sign-in", Duration.ofHours(1), CLOCK)
                .accessFor(CUSTOMER).value();

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anotherTokenOfTheSameCallerIsVerifiedItself() {
        tokens.decode(SIGN_IN.accessFor(CUSTOMER).value());
        String other = SIGN_IN.accessFor(CUSTOMER).value();

        assertThat(tokens.decode(other).getTokenValue()).isEqualTo(other);
        assertThat(verifications).hasValue(2);
    }

    private JwtDecoder counted(JwtDecoder decoder) {
        return token -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPublicKey rsa(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
