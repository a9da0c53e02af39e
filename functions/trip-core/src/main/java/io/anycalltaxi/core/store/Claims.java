package io.anycalltaxi.core.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

import io.anycalltaxi.core.claim.ClaimAge;

/**
 * Claim, tell a live claim from a settled or an abandoned one, take an abandoned one over: the one
 * way a function does a thing once although it is asked at least once and may stop at any point.
 * A claim is a document keyed by what is claimed; inserting it claims. If one exists, the caller
 * judges it, and a lapsed claim is taken over by an update conditional on its claim time, so of
 * two takers only one wins.
 */
public class Claims {

    /** What an existing claim still means. */
    public enum Standing {
        /** Someone is at it: the caller waits or refuses. */
        HOLDS,
        /** Its work is done: the caller answers from it. */
        SETTLED,
        /** Its work will not finish (abandoned, or over): it may be taken over. */
        LAPSED
    }

    /** The outcome of a claim. */
    public sealed interface Claim<T> {
        /** The caller holds the claim: inserted, or taken over from {@code previous} (null when new). */
        record Won<T>(T previous) implements Claim<T> {
        }

        /** Someone else's claim, live or settled, stands. */
        record Stands<T>(T existing, Standing standing) implements Claim<T> {
        }
    }

    /**
     * A kind of claim: its documents, when one was claimed (stored in {@code claimedAtField}).
     */
    public record Kind<T>(Class<T> type, String claimedAtField, Function<T, Instant> claimedAt) {
    }

    private final MongoOperations mongo;
    private final Clock clock;
    private final ClaimAge age;

    public Claims(MongoOperations mongo, Clock clock, ClaimAge age) {
        this.mongo = mongo;
        this.clock = clock;
        this.age = age;
    }

    public ClaimAge age() {
        return age;
    }

    /** The time a claim made now carries. */
    public Instant now() {
        return clock.instant();
    }

    /** Whether a claim made then is old enough to have been abandoned. */
    public boolean isStale(Instant claimedAt) {
        return age.isStale(claimedAt, clock.instant());
    }

    /**
     * @param claim    the claim document, keyed by {@code key}, claimed now
     * @param judge    what an existing claim still means
     * @param takeOver what a lapsed claim becomes when taken over (its claim time is set to now as well)
     */
    public <T> Claim<T> claim(Kind<T> kind, String key, T claim, Function<T, Standing> judge, Update takeOver) {
        T existing;
        try {
            existing = mongo.findAndModify(query(where("_id").is(key)), insertUnlessPresent(claim),
                    FindAndModifyOptions.options().upsert(true).returnNew(false), kind.type());
        } catch (DuplicateKeyException raced) {
            // two first claims at once, and the other inserted first: it is the existing one
            existing = Optional.ofNullable(mongo.findById(key, kind.type())).orElseThrow(() -> raced);
        }
        if (existing == null) {
            return new Claim.Won<>(null);
        }
        Standing standing = judge.apply(existing);
        if (standing != Standing.LAPSED) {
            return new Claim.Stands<>(existing, standing);
        }
        Instant claimedAt = kind.claimedAt().apply(existing);
        boolean won = mongo.updateFirst(query(where("_id").is(key).and(kind.claimedAtField()).is(claimedAt)),
                takeOver.set(kind.claimedAtField(), clock.instant()), kind.type()).getModifiedCount() == 1;
        return won ? new Claim.Won<>(existing) : new Claim.Stands<>(existing, Standing.HOLDS);
    }

    /**
     * One round trip whether or not a claim exists, and no failed insert to catch on the way (a
     * returning member's call, a retried charge): an upsert that writes the claim's fields only
     * if it inserts, and answers the document that was there before, if any.
     */
    private <T> Update insertUnlessPresent(T claim) {
        Document fields = new Document();
        mongo.getConverter().write(claim, fields);
        Update update = new Update();
        fields.forEach((name, value) -> {
            if (!name.equals("_id")) {
                update.setOnInsert(name, value);
            }
        });
        return update;
    }
}
