package io.anycalltaxi.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Remembers the tokens its decoder accepted, so that the same token sent again (an app following
 * its trip, a driver reporting every second, the broker delivering with its one token) costs a
 * lookup, not a signature check: under C1, that check is most of what verifying a token costs
 * (bench table 7). A token is remembered by its exact text, until it expires and at most for
 * {@link #AT_MOST} (the decoder's own cache of the issuer's keys is kept as long, so a key the
 * issuer withdraws stops working here no later than there). What the decoder refused is not
 * remembered, and is refused again by the decoder itself.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final Duration AT_MOST = Duration.ofMinutes(5);
    /** Tokens in use at once by one function's instance: its callers' apps and the broker. */
    private static final int REMEMBERED = 4096;

    private final JwtDecoder decoder;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, Ticker ticker, Clock clock) {
        this.decoder = decoder;
        this.verified = Caffeine.newBuilder().maximumSize(REMEMBERED).ticker(ticker)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt, clock.instant())))
                .build();
    }

    public static JwtDecoder remembering(JwtDecoder decoder) {
        return new VerifiedTokens(decoder, Ticker.systemTicker(), Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private static Duration lifetime(Jwt jwt, Instant now) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return AT_MOST;
        }
        Duration left = Duration.between(now, expires);
        return left.isNegative() ? Duration.ZERO : left.compareTo(AT_MOST) < 0 ? left : AT_MOST;
    }
}
