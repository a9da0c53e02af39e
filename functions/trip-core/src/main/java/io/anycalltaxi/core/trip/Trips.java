package io.anycalltaxi.core.trip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Trips in MongoDB. Every change is one conditional single-document write on the trip's version:
 * concurrent actors (two drivers, a cancel and an acceptance) cannot both win, and no transaction
 * is needed, which the embedded server does not have.
 */
public class Trips {

    private static final int MAX_ATTEMPTS = 50;

    private final MongoOperations mongo;

    public Trips(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores a new trip with its events queued for publishing; fails with DuplicateKeyException if
     * its callId exists.
     */
    public Trip createAndQueue(Trip trip) {
        return mongo.insert(trip.queued(trip.events()));
    }

    public Optional<Trip> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Trip.class));
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
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Trip current = find(callId).orElseThrow(() -> new TripNotFound(callId));
            List<TripEvent> earlier = current.eventsCausedBy(cause.id());
            if (!earlier.isEmpty()) {
                return new TripChange(current, earlier, true);
            }
            Trip changed = change.apply(current);
            List<TripEvent> caused = changed.eventsCausedBy(cause.id());
            Optional<Trip> stored = replaceIfUnchanged(current, queue ? changed.queued(caused) : changed);
            if (stored.isPresent()) {
                return new TripChange(stored.get(), caused, false);
            }
        }
        throw keptChanging(callId);
    }

    /**
     * The producer handed these events to the broker: they leave the outbox, in a write conditional
     * on the version like any other, so a change made meanwhile cannot put them back. The trip as
     * the producer last saw it is tried first; it is read again only if it changed since.
     */
    public void published(Trip known, Collection<String> eventIds) {
        Optional<Trip> current = Optional.of(known);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (current.isEmpty() || current.get().outbox().stream().noneMatch(eventIds::contains)) {
                return;
            }
            if (replaceIfUnchanged(current.get(), current.get().published(eventIds)).isPresent()) {
                return;
            }
            current = find(known.callId());
        }
        throw keptChanging(known.callId());
    }

    /**
     * The one write of a trip: {@code changed} in place of {@code current}, with the next version,
     * unless another write came between the read and this one.
     *
     * @return the trip as stored; empty if it had changed since {@code current} was read
     */
    private Optional<Trip> replaceIfUnchanged(Trip current, Trip changed) {
        Trip next = changed.withVersion(current.version() + 1);
        Query unchangedSinceRead = query(where("_id").is(current.callId()).and("version").is(current.version()));
        return mongo.replace(unchangedSinceRead, next).getModifiedCount() == 1 ? Optional.of(next) : Optional.empty();
    }

    private static OptimisticLockingFailureException keptChanging(String callId) {
        return new OptimisticLockingFailureException("call " + callId + " kept changing under " + MAX_ATTEMPTS + " attempts");
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
