package io.anycalltaxi.signin;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.Hashes;
import jakarta.annotation.PostConstruct;

/**
 * One-time sign-in codes, one live code per phone. Only a keyed hash of the code is stored (the
 * key is derived from the signing key's Secret), every try is counted before it is checked, and a
 * proved code is spent in the same conditional write.
 */
@Component
class PhoneCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoOperations mongo;
    private final Clock clock;
    private final Duration lifetime;
    private final int attempts;
    private final SecretKeySpec hashKey;

    PhoneCodes(MongoOperations mongo, Clock clock, @Value("${anycalltaxi.sign-in.code-lifetime}") Duration lifetime,
            @Value("${anycalltaxi.sign-in.code-attempts}") int attempts,
            @Value("${anycalltaxi.tokens.signing-key}") String signingKey) throws GeneralSecurityException {
        this.mongo = mongo;
        this.clock = clock;
        this.lifetime = lifetime;
        this.attempts = attempts;
        byte[] derived = MessageDigest.getInstance("SHA-256")
                .digest(("anycalltaxi sign-in codes\n" + signingKey).getBytes(StandardCharsets.UTF_8));
        this.hashKey = new SecretKeySpec(derived, Hashes.HMAC);
    }

    @PostConstruct
    void expireOldCodes() {
        mongo.indexOps(StoredCode.class).ensureIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ofHours(1)));
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new code for the phone, replacing any earlier one. @return the code, to be texted and forgotten */
    String issue(PhoneNumber phone) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        mongo.save(new StoredCode(phone.e164(), hash(phone, code), now.plus(lifetime), attempts, false, now));
        return code;
    }

    CodeCheck.Outcome check(PhoneNumber phone, String code) {
        StoredCode counted = mongo.findAndModify(query(where("_id").is(phone.e164())), new Update().inc("attemptsLeft", -1),
                FindAndModifyOptions.options().returnNew(true), StoredCode.class);
        boolean matches = counted != null && code != null && Hashes.same(counted.hash(), hash(phone, code));
        CodeCheck.Outcome outcome = CodeCheck.decide(counted == null ? null
                : new CodeCheck.CodeState(counted.expiresAt(), counted.attemptsLeft(), counted.used()), clock.instant(), matches);
        if (outcome != CodeCheck.Outcome.PROVED) {
            return outcome;
        }
        boolean spent = mongo.updateFirst(query(where("_id").is(phone.e164()).and("used").is(false)
                .and("hash").is(counted.hash())), Update.update("used", true), StoredCode.class).getModifiedCount() == 1;
        return spent ? CodeCheck.Outcome.PROVED : CodeCheck.Outcome.BURNT;
    }

    private String hash(PhoneNumber phone, String code) {
        return HexFormat.of().formatHex(Hashes.hmac(hashKey, phone.e164() + ":" + code));
    }

    @Document("sign_in_codes")
    record StoredCode(@Id String phone, String hash, Instant expiresAt, int attemptsLeft, boolean used, Instant issuedAt) {
    }
}
