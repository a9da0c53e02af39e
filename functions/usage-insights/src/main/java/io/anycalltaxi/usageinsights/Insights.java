package io.anycalltaxi.usageinsights;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.store.VersionedDocuments;

/** Members' insights in MongoDB, changed by writes conditional on the document's version ({@link VersionedDocuments}). */
@Component
public class Insights {

    private final VersionedDocuments<MemberInsights> insights;

    public Insights(MongoOperations mongo) {
        this.insights = new VersionedDocuments<>(mongo, MemberInsights.class, new VersionedDocuments.Versioning<>(
                MemberInsights::memberId, MemberInsights::version, MemberInsights::withVersion));
    }

    public Optional<MemberInsights> of(String memberId) {
        return insights.find(memberId);
    }

    public MemberInsights change(String memberId, UnaryOperator<MemberInsights> change) {
        return insights.change(memberId, current -> {
            MemberInsights base = current.orElseGet(() -> MemberInsights.none(memberId));
            MemberInsights next = change.apply(base);
            return next == base ? Optional.of(base) : insights.write(current, next);
        });
    }
}
