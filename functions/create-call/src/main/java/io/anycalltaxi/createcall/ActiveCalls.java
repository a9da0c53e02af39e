package io.anycalltaxi.createcall;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.store.Claims;
import io.anycalltaxi.core.store.Claims.Claim;
import io.anycalltaxi.core.store.Claims.Standing;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;

/**
 * A member has at most one active call. One document per member names the member's latest call;
 * a new call takes it over only once {@link CallAdmission} admits it, by a conditional write, so
 * two concurrent calls cannot both succeed. Nobody has to release it when a trip ends.
 */
@Component
class ActiveCalls {

    private static final Claims.Kind<ActiveCall> ACTIVE_CALL = new Claims.Kind<>(ActiveCall.class, "claimedAt",
            ActiveCall::claimedAt);

    private final MongoOperations mongo;
    private final Trips trips;
    private final Claims claims;

    ActiveCalls(MongoOperations mongo, Trips trips, Claims claims) {
        this.mongo = mongo;
        this.trips = trips;
        this.claims = claims;
    }

    /** @return the member's active call if there is one, otherwise empty and the new call is claimed */
    Optional<String> claim(String memberId, String callId) {
        Instant now = claims.now();
        Claim<ActiveCall> claim = claims.claim(ACTIVE_CALL, memberId, new ActiveCall(memberId, callId, now),
                latest -> CallAdmission.admits(trips.find(latest.callId()).map(Trip::status).orElse(null),
                        latest.claimedAt(), now, claims.age()) ? Standing.LAPSED : Standing.HOLDS,
                new Update().set("callId", callId));
        return claim instanceof Claim.Stands<ActiveCall> stands ? Optional.of(stands.existing().callId())
                : Optional.empty();
    }

    /** The call could not be made after all: the member's claim goes, if it is still this call's. */
    void release(String memberId, String callId) {
        mongo.remove(query(where("_id").is(memberId).and("callId").is(callId)), ActiveCall.class);
    }

    @Document("active_calls")
    record ActiveCall(@Id String memberId, String callId, Instant claimedAt) {
    }
}
