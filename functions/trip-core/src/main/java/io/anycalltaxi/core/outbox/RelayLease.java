package io.anycalltaxi.core.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One relay of a function at a time, however many replicas get the tick: the lease is a document
 * per function ({@code outbox_relays}), taken by a conditional write and given back when the relay
 * is done; a replica that dies holding it loses it when it expires. With one relay per function
 * and each entry relayed only by its producer, every outbox entry has one owner.
 */
public class RelayLease {

    static final String COLLECTION = "outbox_relays";

    private final MongoOperations mongo;
    private final String function;
    private final Duration length;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();

    public RelayLease(MongoOperations mongo, String function, Duration length, Clock clock) {
        this.mongo = mongo;
        this.function = function;
        this.length = length;
        this.clock = clock;
    }

    /** @return whether this replica holds the lease now */
    public boolean take() {
        Instant now = clock.instant();
        Update held = new Update().set("holder", holder).set("until", now.plus(length));
        if (mongo.updateFirst(query(where("_id").is(function).and("until").lt(now)), held, COLLECTION)
                .getModifiedCount() == 1) {
            return true;
        }
        try {
            mongo.insert(new Document("_id", function).append("holder", holder).append("until", now.plus(length)),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    public void release() {
        mongo.updateFirst(query(where("_id").is(function).and("holder").is(holder)),
                new Update().set("until", clock.instant()), COLLECTION);
    }
}
