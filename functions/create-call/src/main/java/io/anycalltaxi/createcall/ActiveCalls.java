package io.anycalltaxi.createcall;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.Trips;

/**
 * A member has at most one active call. One document per member names the member's latest call;
 * a new call takes it over only once {@link CallAdmission} admits it, by a conditional write, so
 * two concurrent calls cannot both succeed. Nobody has to release it when a trip ends.
 */
@Component
class ActiveCalls {

    private final MongoOperations mongo;
    private final Trips trips;
    private final Clock clock;

    ActiveCalls(MongoOperations mongo, Trips trips, Clock clock) {
        this.mongo = mongo;
        this.trips = trips;
        this.clock = clock;
    }

    /** @return the member's active call if there is one, otherwise empty and the new call is claimed */
    Optional<String> claim(String memberId, String callId) {
        Instant now = clock.instant();
        try {
            mongo.insert(new ActiveCall(memberId, callId, now));
            return Optional.empty();
        } catch (DuplicateKeyException memberCalledBefore) {
            ActiveCall latest = mongo.findById(memberId, ActiveCall.class);
            if (latest == null) {
                return claim(memberId, callId);
            }
            boolean stillActive = !CallAdmission.admits(
                    trips.find(latest.callId()).map(Trip::status).orElse(null), latest.claimedAt(), now);
            if (stillActive) {
                return Optional.of(latest.callId());
            }
            boolean taken = mongo.updateFirst(query(where("_id").is(memberId).and("callId").is(latest.callId())),
                    new Update().set("callId", callId).set("claimedAt", now), ActiveCall.class).getModifiedCount() == 1;
            return taken ? Optional.empty() : Optional.of(latest.callId());
        }
    }

    /** The call could not be made after all: the member's claim goes, if it is still this call's. */
    void release(String memberId, String callId) {
        mongo.remove(query(where("_id").is(memberId).and("callId").is(callId)), ActiveCall.class);
    }

    @Document("active_calls")
    record ActiveCall(@Id String memberId, String callId, Instant claimedAt) {
    }
}
