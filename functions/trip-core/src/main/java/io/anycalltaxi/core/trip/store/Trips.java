package io.anycalltaxi.core.trip.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.anycalltaxi.core.store.VersionedDocuments;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripEvent;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * Trips in MongoDB. Every change is one write conditional on the trip's version
 * ({@link VersionedDocuments}): concurrent actors (two drivers, a cancel and an acceptance) cannot both win.
 */
public class Trips {

    private final MongoOperations mongo;
    private final VersionedDocuments<TripDocument> store;

    public Trips(MongoOperations mongo) {
        this.mongo = mongo;
        this.store = new VersionedDocuments<>(mongo, TripDocument.class, new VersionedDocuments.Versioning<>(
                TripDocument::callId, TripDocument::version, TripDocument::withVersion));
    }

    /**
     * Stores a new trip with its events queued for publishing; fails with DuplicateKeyException if
     * its callId exists.
     */
    public Trip createAndQueue(Trip trip) {
        return mongo.insert(TripDocument.of(trip.queued(trip.events()))).trip();
    }

    public Optional<Trip> find(String callId) {
        return store.find(callId).map(TripDocument::trip);
    }

    /**
     * Applies {@code change} to the trip unless {@code cause} was applied before, in which case the
     * events it produced then are returned and nothing is written (at-least-once delivery). The
     * caller answers with the events as its reply.
     *
     * @throws TripNotFound if there is no such call
     * @throws TripRefusal  if the trip refuses the change; nothing is written
     */
    public TripChange change(String callId, Cause cause, UnaryOperator<Trip> change) {
        return apply(callId, cause, change, false);
    }

    /** As {@link #change}, with the new events queued in the trip's outbox for the caller to publish. */
    public TripChange changeAndQueue(String callId, Cause cause, UnaryOperator<Trip> change) {
        return apply(callId, cause, change, true);
    }

    private TripChange apply(String callId, Cause cause, UnaryOperator<Trip> change, boolean queue) {
        return store.change(callId, read -> {
            Trip current = read.map(TripDocument::trip).orElseThrow(() -> new TripNotFound(callId));
            List<TripEvent> earlier = current.eventsCausedBy(cause.id());
            if (!earlier.isEmpty()) {
                return Optional.of(new TripChange(current, earlier, true));
            }
            Trip changed = change.apply(current);
            List<TripEvent> caused = changed.eventsCausedBy(cause.id());
            return store.write(read, TripDocument.of(queue ? changed.queued(caused) : changed))
                    .map(stored -> new TripChange(stored.trip(), caused, false));
        });
    }

    /**
     * The producer handed these events to the broker: they leave the outbox, in a write conditional
     * on the version like any other, so a change made meanwhile cannot put them back. The trip as
     * the producer last saw it is tried first, by an update of the outbox alone (a whole replace,
     * its events mapped again, was create-call's costliest write); it is read again only if it
     * changed since.
     */
    public void published(Trip known, Collection<String> eventIds) {
        Trip after = known.published(eventIds);
        if (store.update(known.callId(), known.version(),
                new Update().set("outbox", after.outbox()).set("outboxSources", after.outboxSources()))) {
            return;
        }
        store.change(known.callId(), read -> {
            if (read.isEmpty() || read.get().outbox().stream().noneMatch(eventIds::contains)) {
                return Optional.of(known);
            }
            return store.write(read, TripDocument.of(read.get().trip().published(eventIds))).map(TripDocument::trip);
        });
    }

    /**
     * For the reconcilers' queries (by status, by open money, flagged, by member) and the relays'
     * (by producer in the outbox), each with the order it reads in.
     */
    public void indexes() {
        IndexOperations indexes = mongo.indexOps(TripDocument.class);
        indexes.ensureIndex(new Index().on("status", Sort.Direction.ASC).on("requestedAt", Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on("moneyOpen", Sort.Direction.ASC).on("requestedAt", Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on("flagged", Sort.Direction.ASC).on("requestedAt", Sort.Direction.DESC));
        indexes.ensureIndex(new Index().on("memberId", Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on("outboxSources", Sort.Direction.ASC).on("requestedAt", Sort.Direction.ASC));
    }

    /** Trips in this status, longest waiting first. */
    public List<Trip> inStatus(TripStatus status, int limit) {
        return found(query(where("status").is(status)).with(Sort.by("requestedAt")).limit(limit));
    }

    /** Trips whose money payment can settle without the member (see {@link Trip#moneyOpen}), oldest first. */
    public List<Trip> withOpenMoney(int limit) {
        return found(query(where("moneyOpen").is(true)).with(Sort.by("requestedAt")).limit(limit));
    }

    /** The member's trips with a declined charge: those waiting for another card are among them. */
    public List<Trip> declinedOf(String memberId) {
        return found(query(where("memberId").is(memberId).and("charges.state").is(ChargeAttempt.State.DECLINED)));
    }

    /** Trips an operator should look at, newest first. */
    public List<Trip> flagged(int limit) {
        return found(query(where("flagged").is(true)).with(Sort.by(Sort.Direction.DESC, "requestedAt")).limit(limit));
    }

    /** Trips with events this producer has not yet handed to the broker, oldest first. */
    public List<Trip> withUnpublishedEventsOf(URI producer, int limit) {
        return found(query(where("outboxSources").is(producer.toString())).with(Sort.by("requestedAt")).limit(limit));
    }

    private List<Trip> found(Query query) {
        return mongo.find(query, TripDocument.class).stream().map(TripDocument::trip).toList();
    }
}
