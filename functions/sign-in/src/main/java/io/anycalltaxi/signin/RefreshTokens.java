package io.anycalltaxi.signin;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.Hashes;
import jakarta.annotation.PostConstruct;

/**
 * Refresh tokens: 256 random bits given to the client, stored only as their SHA-256. Each is used
 * once (rotated: a refresh returns a new one), and names the phone it was proved for, so a refresh
 * after sign-up or onboarding gives the phone's new roles.
 */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoOperations mongo;
    private final Clock clock;
    private final Duration lifetime;

    RefreshTokens(MongoOperations mongo, Clock clock, @Value("${anycalltaxi.sign-in.refresh-lifetime}") Duration lifetime) {
        this.mongo = mongo;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @PostConstruct
    void expireOldTokens() {
        mongo.indexOps(StoredRefresh.class).ensureIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }

    String issue(PhoneNumber phone) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        mongo.insert(new StoredRefresh(Hashes.sha256Hex(token), phone.e164(), clock.instant().plus(lifetime)));
        return token;
    }

    /** Spends the token: the phone it was issued for, if it is known and not expired. */
    Optional<PhoneNumber> redeem(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        StoredRefresh stored = mongo.findAndRemove(query(where("_id").is(Hashes.sha256Hex(token))
                .and("expiresAt").gt(clock.instant())), StoredRefresh.class);
        return Optional.ofNullable(stored).map(s -> new PhoneNumber(s.phone()));
    }

    @Document("refresh_tokens")
    record StoredRefresh(@Id String digest, String phone, Instant expiresAt) {
    }
}
