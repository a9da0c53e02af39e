package io.anycalltaxi.usageinsights;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/** Members' insights in MongoDB, changed by one conditional write on the document's version. */
@Component
public class Insights {

    private static final int MAX_ATTEMPTS = 50;

    private final MongoOperations mongo;

    public Insights(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Optional<MemberInsights> of(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, MemberInsights.class));
    }

    public MemberInsights change(String memberId, UnaryOperator<MemberInsights> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<MemberInsights> current = of(memberId);
            MemberInsights base = current.orElseGet(() -> MemberInsights.none(memberId));
            MemberInsights next = change.apply(base);
            if (next == base) {
                return base;
            }
            try {
                if (current.isEmpty()) {
                    return mongo.insert(next.withVersion(1));
                }
            } catch (DuplicateKeyException createdMeanwhile) {
                continue;
            }
            if (mongo.replace(query(where("_id").is(memberId).and("version").is(base.version())),
                    next.withVersion(base.version() + 1)).getModifiedCount() == 1) {
                return next;
            }
        }
        throw new OptimisticLockingFailureException("insights of member " + memberId + " kept changing");
    }
}
