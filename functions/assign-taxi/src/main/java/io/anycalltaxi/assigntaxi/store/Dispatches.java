package io.anycalltaxi.assigntaxi.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;

@Component
public class Dispatches {

    private static final int SWEEP_BATCH = 500;

    private final MongoOperations mongo;

    public Dispatches(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void indexes() {
        mongo.indexOps(Dispatch.class).ensureIndex(new Index().on("state", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.ASC));
        mongo.indexOps(Dispatch.class).ensureIndex(new Index().on("offeredTaxiIds", Sort.Direction.ASC));
    }

    public Optional<Dispatch> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Dispatch.class));
    }

    /** @return the dispatch stored for this call: this one, or the one a redelivery stored first */
    public Dispatch open(Dispatch dispatch) {
        try {
            return mongo.insert(dispatch);
        } catch (DuplicateKeyException openedBefore) {
            return find(dispatch.callId()).orElseThrow();
        }
    }

    /**
     * The call waits for a taxi again (its taxi left it): this new round of offers replaces the
     * last, with the taxis that left it excluded for good.
     */
    public void reopen(Dispatch round) {
        mongo.save(round);
    }

    public void close(String callId) {
        mongo.updateFirst(query(where("_id").is(callId)), Update.update("state", Dispatch.State.CLOSED), Dispatch.class);
    }

    /** Records reminder number {@code reminders + 1}, unless another tick recorded it first. */
    public boolean remind(Dispatch dispatch, List<String> offeredTaxiIds, int radiusMeters, Instant at) {
        return mongo.updateFirst(query(where("_id").is(dispatch.callId()).and("reminders").is(dispatch.reminders())
                .and("state").is(Dispatch.State.OPEN)),
                new Update().inc("reminders", 1).set("lastReminderAt", at).set("radiusMeters", radiusMeters)
                        .set("offeredTaxiIds", offeredTaxiIds),
                Dispatch.class).getModifiedCount() == 1;
    }

    public List<Dispatch> openOnes() {
        return mongo.find(query(where("state").is(Dispatch.State.OPEN)).with(Sort.by("requestedAt")).limit(SWEEP_BATCH),
                Dispatch.class);
    }

    public List<Dispatch> openOffersFor(String taxiId) {
        return mongo.find(query(where("state").is(Dispatch.State.OPEN).and("offeredTaxiIds").is(taxiId))
                .with(Sort.by("requestedAt")), Dispatch.class);
    }
}
