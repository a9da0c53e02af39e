package io.anycalltaxi.projectview;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.store.VersionedDocuments;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.projectview.TripView.Position;

/**
 * The views in MongoDB, and the events they were built from. An event is kept before it is
 * applied, so that the views can always be rebuilt from {@code trip_events}. A change is one
 * conditional write on the view's version; listeners hear of it as a {@link ViewChanged}.
 */
@Component
public class TripViews {

    private final MongoOperations mongo;
    private final VersionedDocuments<TripViewDocument> views;
    private final ApplicationEventPublisher changes;

    public TripViews(MongoOperations mongo, ApplicationEventPublisher changes) {
        this.mongo = mongo;
        this.views = new VersionedDocuments<>(mongo, TripViewDocument.class, new VersionedDocuments.Versioning<>(
                TripViewDocument::callId, TripViewDocument::version, TripViewDocument::withVersion));
        this.changes = changes;
    }

    /** For the member's trips, newest first; the taxi's current calls; the kept events of a call. */
    @PostConstruct
    void indexes() {
        mongo.indexOps(TripViewDocument.class).ensureIndex(new Index().on("memberId", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC));
        mongo.indexOps(TripViewDocument.class).ensureIndex(new Index().on("taxi.taxiId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC));
        mongo.indexOps(ViewEvent.class).ensureIndex(new Index().on("callId", Sort.Direction.ASC));
    }

    /** Published after a view changed. */
    public record ViewChanged(String callId) {
    }

    public Optional<TripView> find(String callId) {
        return views.find(callId).map(TripViewDocument::view);
    }

    public List<TripView> ofMember(String memberId, int page, int size) {
        return mongo.find(query(where("memberId").is(memberId))
                .with(PageRequest.of(page, size, Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("_id")))),
                TripViewDocument.class).stream().map(TripViewDocument::view).toList();
    }

    /** The taxi's rides that ended since then (served by the taxi-and-status index), newest first. */
    public List<TripView> endedOfTaxiSince(String taxiId, Instant since, int limit) {
        return mongo.find(query(where("taxi.taxiId").is(taxiId)
                .and("status").in(TripStatus.ENDED, TripStatus.PAYMENT_FAILED, TripStatus.COMPLETED)
                .and("updatedAt").gte(since)).with(Sort.by(Sort.Order.desc("updatedAt"))).limit(limit),
                TripViewDocument.class).stream().map(TripViewDocument::view).toList();
    }

    /** Published after a taxi's position moved on the views that follow it. */
    public record TaxiMoved(String taxiId) {
    }

    /**
     * F5: the taxi's position onto the views of the calls waiting for it or riding in it, in one
     * write and no read. A report older than the position a view shows changes nothing: a taxi
     * reports every few seconds, so a late report is only stale.
     */
    public void moveTaxi(String taxiId, Position position) {
        Query following = query(where("taxi.taxiId").is(taxiId).and("status").in(TripStatus.holdingTaxi())
                .orOperator(where("location").is(null), where("location.at").lt(position.at())));
        Update moved = new Update().set("location", position).max("updatedAt", position.at()).inc("version", 1);
        if (mongo.updateMulti(following, moved, TripViewDocument.class).getModifiedCount() > 0) {
            changes.publishEvent(new TaxiMoved(taxiId));
        }
    }

    /** Keeps the event and applies it to its call's view (once). */
    public TripView record(ViewEvent event) {
        keep(event);
        return apply(event);
    }

    private void keep(ViewEvent event) {
        try {
            mongo.insert(event);
        } catch (DuplicateKeyException keptBefore) {
            // a redelivery: applying it again below changes nothing
        }
    }

    private TripView apply(ViewEvent event) {
        return views.change(event.callId(), current -> {
            TripView base = current.map(TripViewDocument::view).orElseGet(() -> TripView.empty(event.callId()));
            TripView next = base.apply(event);
            if (next == base) {
                return Optional.of(base);
            }
            Optional<TripView> stored = views.write(current, TripViewDocument.of(next)).map(TripViewDocument::view);
            stored.ifPresent(changed -> changes.publishEvent(new ViewChanged(event.callId())));
            return stored;
        });
    }

    /**
     * Builds every view again from its kept events, as if they had just arrived (in whatever order
     * they come back): the result is the same view.
     *
     * @return how many views were rebuilt
     */
    public int rebuild() {
        List<String> calls = mongo.findDistinct(new Query(), "callId", ViewEvent.class, String.class);
        for (String callId : calls) {
            Optional<TripView> current = find(callId);
            TripView rebuilt = TripView.empty(callId);
            for (ViewEvent event : mongo.find(query(where("callId").is(callId)), ViewEvent.class)) {
                rebuilt = rebuilt.apply(event);
            }
            rebuilt = rebuilt.at(current.map(TripView::location).orElse(null));
            long version = current.map(TripView::version).orElse(0L) + 1;
            mongo.save(TripViewDocument.of(rebuilt).withVersion(version));
            changes.publishEvent(new ViewChanged(callId));
        }
        return calls.size();
    }
}
