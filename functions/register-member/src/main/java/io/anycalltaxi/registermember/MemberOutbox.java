package io.anycalltaxi.registermember;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.member.MemberDocument;
import io.anycalltaxi.core.outbox.OutboxRelay;
import jakarta.annotation.PostConstruct;

/**
 * The members' outbox: an event about a member is kept in the member's document, written in the
 * same write as the change it announces ({@link #entry}), published right after, and relayed on a
 * later tick if the broker did not take it then. Its id is chosen with the change, so a relayed
 * event is the same event.
 */
@Component
class MemberOutbox implements OutboxRelay {

    static final String FIELD = "outbox";
    private static final Logger log = LoggerFactory.getLogger(MemberOutbox.class);
    private static final int RELAY_BATCH = 100;

    private final MongoOperations mongo;
    private final EventPublisher publisher;
    private final EventFactory events;
    private final Clock clock;
    private final Duration grace;

    MemberOutbox(MongoOperations mongo, EventPublisher publisher, EventFactory events, Clock clock,
            @Value("${anycalltaxi.outbox.grace:10s}") Duration grace) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
    }

    /** An event waiting in a member's document to be published ({@code eventId}: an {@code id} would be mapped to {@code _id}). */
    record Entry(String eventId, EventType type, String subject, Instant time, Map<String, Object> data) {
    }

    static Entry entry(String id, EventType type, String memberId, Record data, Instant at) {
        return new Entry(id, type, memberId, at, EventJson.toMap(data));
    }

    @PostConstruct
    void index() {
        mongo.indexOps(MemberDocument.class).ensureIndex(new Index().on(FIELD + ".time", Sort.Direction.ASC));
    }

    /**
     * Publishes a member's event now; if the broker does not take it, it waits for the relay.
     *
     * @return whether the broker took it
     */
    boolean publish(String memberId, Entry entry) {
        try {
            publisher.publish(events.event(entry.eventId(), entry.type(), entry.subject(),
                    EventJson.fromMap(entry.data(), entry.type().dataType()), entry.time()));
            mongo.updateFirst(query(where("_id").is(memberId)),
                    new Update().pull(FIELD, new Document("eventId", entry.eventId())), MemberDocument.class);
            return true;
        } catch (TemporarilyUnavailable e) {
            log.warn("member {}: {} stays in the outbox, the broker is unreachable: {}", memberId, entry.type().type(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    public Optional<Instant> relay() {
        Instant due = clock.instant().minus(grace);
        Query waiting = query(where(FIELD + ".time").lt(due)).limit(RELAY_BATCH);
        waiting.fields().include(FIELD);
        for (Pending pending : mongo.find(waiting, Pending.class, mongo.getCollectionName(MemberDocument.class))) {
            for (Entry entry : pending.outbox()) {
                if (entry.time().isBefore(due) && !publish(pending.memberId(), entry)) {
                    return Optional.of(entry.time());
                }
            }
        }
        return Optional.empty();
    }

    /** A member's document as the relay reads it: its id and its outbox. */
    record Pending(@Id String memberId, List<Entry> outbox) {
    }
}
