package io.anycalltaxi.core.trip;

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
import org.springframework.data.mongodb.core.query.Query;

import io.anycalltaxi.core.store.VersionedDocuments;

/**
 * Trips in MongoDB. Every change is one write conditional on the trip's version
 * ({@link VersionedDocuments}): concurrent actors (two drivers, a cancel and an acceptance) cannot both win.
 */
public class Trips {

    private final MongoOperations mongo;
    private final VersionedDocuments<Trip> store;

    public Trips(MongoOperations mongo) {
        this.mongo = mongo;
        this.store = new VersionedDocuments<>(mongo, Trip.class,
                new VersionedDocuments.Versioning<>(Trip::callId, Trip::version, Trip::withVersion));
    }

    /**
     * Stores a new trip with its events queued for publishing; fails with DuplicateKeyException if
     * its callId exists.
     */
    public Trip createAndQueue(Trip trip) {
        return mongo.insert(trip.queued(trip.events()));
    }

    public Optional<Trip> find(String callId) {
        return store.find(callId);
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
            Trip current = read.orElseThrow(() -> new TripNotFound(callId));
            List<TripEvent> earlier = current.eventsCausedBy(cause.id());
            if (!earlier.isEmpty()) {
                return Optional.of(new TripChange(current, earlier, true));
            }
            Trip changed = change.apply(current);
            List<TripEvent> caused = changed.eventsCausedBy(cause.id());
            return store.write(read, queue ? changed.queued(caused) : changed)
                    .map(stored -> new TripChange(stored, caused, false));
        });
    }

    /**
     * The producer handed these events to the broker: they leave the outbox, in a write conditional
     * on the version like any other, so a change made meanwhile cannot put them back. The trip as
     * the producer last saw it is tried first; it is read again only if it changed since.
     */
    public void published(Trip known, Collection<String> eventIds) {
        store.change(known, read -> {
            if (read.isEmpty() || read.get().outbox().stream().noneMatch(eventIds::contains)) {
                return Optional.of(known);
            }
            return store.write(read, read.get().published(eventIds));
        });
    }

    /** For the reconcilers' queries (by status, by open money, by member) and the relays' (by producer in the outbox). */
    public void indexes() {
        mongo.indexOps(Trip.class).ensureIndex(new Index().on("status", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.ASC));
        mongo.indexOps(Trip.class).ensureIndex(new Index().on("moneyOpen", Sort.Direction.ASC));
        mongo.indexOps(Trip.class).ensureIndex(new Index().on("memberId", Sort.Direction.ASC));
        mongo.indexOps(Trip.class).ensureIndex(new Index().on("outboxSources", Sort.Direction.ASC));
    }

    /** Trips in this status, longest waiting first. */
    public List<Trip> inStatus(TripStatus status, int limit) {
        return mongo.find(query(where("status").is(status)).with(Sort.by("requestedAt")).limit(limit), Trip.class);
    }

    /** Trips whose money payment can settle without the member (see {@link Trip#moneyOpen}), oldest first. */
    public List<Trip> withOpenMoney(int limit) {
        return mongo.find(query(where("moneyOpen").is(true)).with(Sort.by("requestedAt")).limit(limit), Trip.class);
    }

    /** The member's trips with a declined charge: those waiting for another card are among them. */
    public List<Trip> declinedOf(String memberId) {
        return mongo.find(query(where("memberId").is(memberId).and("charges.state").is(ChargeAttempt.State.DECLINED)),
                Trip.class);
    }

    /** Trips an operator should look at, newest first. */
    public List<Trip> flagged(int limit) {
        return mongo.find(query(where("flags.0").exists(true)).with(Sort.by(Sort.Direction.DESC, "requestedAt"))
                .limit(limit), Trip.class);
    }

    /** Trips with events this producer has not yet handed to the broker, oldest first. */
    public List<Trip> withUnpublishedEventsOf(URI producer, int limit) {
        Query pending = query(where("outboxSources").is(producer.toString())).with(Sort.by("requestedAt")).limit(limit);
        return mongo.find(pending, Trip.class);
    }
}
