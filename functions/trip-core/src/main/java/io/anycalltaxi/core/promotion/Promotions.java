package io.anycalltaxi.core.promotion;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;

/**
 * Promotions in MongoDB. Taking one for a call is a conditional write, so two calls cannot take the
 * same promotion; one taken by a call that was cancelled or expired may be taken again.
 */
public class Promotions {

    private final MongoOperations mongo;
    private final Trips trips;

    public Promotions(MongoOperations mongo, Trips trips) {
        this.mongo = mongo;
        this.trips = trips;
    }

    /** For {@link #available}: a call reads the member's promotions by state. */
    public void indexes() {
        mongo.indexOps(PromotionDocument.class).ensureIndex(new Index().on("memberId", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC));
    }

    /** @return false if a promotion with this code was granted before (a redelivery) */
    public boolean grant(Promotion promotion) {
        try {
            mongo.insert(PromotionDocument.of(promotion));
            return true;
        } catch (DuplicateKeyException grantedBefore) {
            return false;
        }
    }

    /** The member's promotions that a call could still take, best first. */
    public List<Promotion> available(String memberId) {
        return mongo.find(query(where("memberId").is(memberId).and("state").ne(Promotion.State.USED)),
                PromotionDocument.class).stream().map(PromotionDocument::promotion)
                .filter(p -> p.state() == Promotion.State.GRANTED || takenInVain(p))
                .sorted(Comparator.comparingInt(Promotion::discountPercent).reversed().thenComparing(Promotion::code))
                .toList();
    }

    /** The member's best available promotion, now taken by this call; empty if there is none. */
    public Optional<Promotion> take(String memberId, String callId) {
        for (Promotion candidate : available(memberId)) {
            Criteria stillAvailable = where("_id").is(candidate.code()).and("state").is(candidate.state());
            if (candidate.callId() != null) {
                stillAvailable = stillAvailable.and("callId").is(candidate.callId());
            }
            if (mongo.updateFirst(query(stillAvailable),
                    new Update().set("state", Promotion.State.TAKEN).set("callId", callId), PromotionDocument.class)
                    .getModifiedCount() == 1) {
                return Optional.ofNullable(mongo.findById(candidate.code(), PromotionDocument.class))
                        .map(PromotionDocument::promotion);
            }
        }
        return Optional.empty();
    }

    /** The call that took it could not be made: the promotion is available again. */
    public void release(String code, String callId) {
        mongo.updateFirst(query(where("_id").is(code).and("callId").is(callId).and("state").is(Promotion.State.TAKEN)),
                new Update().set("state", Promotion.State.GRANTED).set("callId", null), PromotionDocument.class);
    }

    /** The trip this promotion discounted is completed: it is used up. */
    public void used(String code, String callId) {
        mongo.updateFirst(query(where("_id").is(code).and("callId").is(callId)),
                Update.update("state", Promotion.State.USED), PromotionDocument.class);
    }

    /** Taken by a call that ended without a ride: available again. */
    private boolean takenInVain(Promotion promotion) {
        return promotion.state() == Promotion.State.TAKEN && trips.find(promotion.callId()).map(Trip::status)
                .map(status -> status == TripStatus.CANCELLED || status == TripStatus.EXPIRED).orElse(true);
    }
}
