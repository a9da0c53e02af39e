package io.anycalltaxi.projectview;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.trip.TripStatus;

/**
 * The views in MongoDB, and the events they were built from. An event is kept before it is
 * applied, so that the views can always be rebuilt from {@code trip_events}.
 */
@Component
public class TripViews {

    private static final int MAX_ATTEMPTS = 50;

    private final MongoOperations mongo;

    public TripViews(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Optional<TripView> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, TripView.class));
    }

    public List<TripView> ofMember(String memberId, int page, int size) {
        return mongo.find(query(where("memberId").is(memberId))
                .with(PageRequest.of(page, size, Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("_id")))),
                TripView.class);
    }

    /** Keeps the event and applies it to its call's view (once). */
    public TripView record(ViewEvent event) {
        try {
            mongo.insert(event);
        } catch (DuplicateKeyException keptBefore) {
            // a redelivery: applying it again below changes nothing
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<TripView> current = find(event.callId());
            TripView base = current.orElseGet(() -> TripView.empty(event.callId()));
            TripView next = base.apply(event);
            if (next == base) {
                return base;
            }
            if (current.isEmpty()) {
                try {
                    return mongo.insert(next.withVersion(1));
                } catch (DuplicateKeyException createdMeanwhile) {
                    continue;
                }
            }
            if (mongo.replace(query(where("_id").is(event.callId()).and("version").is(base.version())),
                    next.withVersion(base.version() + 1)).getModifiedCount() == 1) {
                return next;
            }
        }
        throw new OptimisticLockingFailureException("view of call " + event.callId() + " kept changing");
    }

    /**
     * Moves the live position of the views following this taxi, unless they know a newer one.
     *
     * @return the ids of the calls whose view moved
     */
    public List<String> moveTaxi(String taxiId, double lat, double lng, Instant at) {
        Criteria following = where("taxi.taxiId").is(taxiId)
                .and("status").in(TripStatus.ASSIGNED, TripStatus.STARTED)
                .orOperator(where("location").exists(false), where("location.at").lt(at));
        List<String> calls = mongo.find(query(following), TripView.class).stream().map(TripView::callId).toList();
        if (!calls.isEmpty()) {
            mongo.updateMulti(query(following), Update.update("location", new TripView.Position(lat, lng, at)),
                    TripView.class);
        }
        return calls;
    }

    /** Every kept event of a call, for a rebuild. */
    public List<ViewEvent> eventsOf(String callId) {
        return mongo.find(query(where("callId").is(callId)), ViewEvent.class);
    }
}
