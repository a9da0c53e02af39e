package io.anycalltaxi.core.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Documents changed only by writes conditional on their version: concurrent writers (two drivers,
 * a cancel and an acceptance, two deliveries of one event) cannot overwrite each other, and no
 * transaction is needed, which the embedded server does not have. A change reads, decides and
 * writes unless another write came between; then it reads and decides again.
 *
 * @param <T> the stored type: an id, a version, and a copy with another version
 */
public final class VersionedDocuments<T> {

    /** Attempts before a change that keeps losing gives up; the caller answers 503 and is asked again. */
    public static final int MAX_ATTEMPTS = 50;

    /** How a document names itself, tells its version, and is copied with another. */
    public record Versioning<T>(Function<T, String> id, ToLongFunction<T> version, BiFunction<T, Long, T> withVersion) {
    }

    private final MongoOperations mongo;
    private final Class<T> type;
    private final Versioning<T> versioning;

    public VersionedDocuments(MongoOperations mongo, Class<T> type, Versioning<T> versioning) {
        this.mongo = mongo;
        this.type = type;
        this.versioning = versioning;
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(mongo.findById(id, type));
    }

    /**
     * Hands the document as stored (empty: there is none) to {@code attempt} until an attempt is not
     * raced: it answers empty when its {@link #write} lost, and anything else when it is done.
     *
     * @throws OptimisticLockingFailureException after {@link #MAX_ATTEMPTS} lost writes
     */
    public <R> R change(String id, Function<Optional<T>, Optional<R>> attempt) {
        Optional<T> read = find(id);
        for (int n = 0; n < MAX_ATTEMPTS; n++) {
            Optional<R> done = attempt.apply(read);
            if (done.isPresent()) {
                return done.get();
            }
            read = find(id);
        }
        throw new OptimisticLockingFailureException(mongo.getCollectionName(type) + " " + id + " kept changing under "
                + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Only these fields of the document, and its next version, if it is still at {@code version}: no
     * mapping of the whole document where a change touches a few of its fields.
     *
     * @return whether it was still at that version and is changed
     */
    public boolean update(String id, long version, Update fields) {
        return mongo.updateFirst(query(where("_id").is(id).and("version").is(version)), fields.inc("version", 1), type)
                .getModifiedCount() == 1;
    }

    /**
     * {@code next} in place of {@code read}, with the next version; or, if nothing was read, as a new
     * document with version 1.
     *
     * @return the document as stored; empty if another write came first
     */
    public Optional<T> write(Optional<T> read, T next) {
        if (read.isEmpty()) {
            T created = versioning.withVersion().apply(next, 1L);
            try {
                return Optional.of(mongo.insert(created));
            } catch (DuplicateKeyException createdMeanwhile) {
                return Optional.empty();
            }
        }
        long version = versioning.version().applyAsLong(read.get());
        T replacing = versioning.withVersion().apply(next, version + 1);
        boolean unchangedSinceRead = mongo.replace(query(where("_id").is(versioning.id().apply(read.get()))
                .and("version").is(version)), replacing).getModifiedCount() == 1;
        return unchangedSinceRead ? Optional.of(replacing) : Optional.empty();
    }
}
