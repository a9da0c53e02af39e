package io.anycalltaxi.core.security;

import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

/**
 * The friend's read-only link to one trip: a share token that is a keyed hash of the call id
 * (HMAC-SHA256 with a key from a Secret), so notify-friend can make it and project-view check it
 * without storing it. It opens that trip only; project-view lets it expire an hour after the trip ends.
 */
public class TripShares {

    private final SecretKeySpec key;

    /** @param base64Key at least 32 random bytes, base64 */
    public TripShares(String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the share key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, Hashes.HMAC);
    }

    public String tokenFor(String callId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hashes.hmac(key, "trip-share:" + callId));
    }

    /** In constant time. */
    public boolean opens(String callId, String token) {
        return Hashes.same(tokenFor(callId), token);
    }
}
