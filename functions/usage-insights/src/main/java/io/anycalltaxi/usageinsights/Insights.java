package io.anycalltaxi.usageinsights;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.store.VersionedDocuments;

/** Members' insights in MongoDB, changed by writes conditional on the document's version ({@link VersionedDocuments}). */
@Component
public class Insights {

    private final VersionedDocuments<MemberInsightsDocument> insights;

    public Insights(MongoOperations mongo) {
        this.insights = new VersionedDocuments<>(mongo, MemberInsightsDocument.class, new VersionedDocuments.Versioning<>(
                MemberInsightsDocument::memberId, MemberInsightsDocument::version, MemberInsightsDocument::withVersion));
    }

    public Optional<MemberInsights> of(String memberId) {
        return insights.find(memberId).map(MemberInsightsDocument::insights);
    }

    public MemberInsights change(String memberId, UnaryOperator<MemberInsights> change) {
        return insights.change(memberId, current -> {
            MemberInsights base = current.map(MemberInsightsDocument::insights)
                    .orElseGet(() -> MemberInsights.none(memberId));
            MemberInsights next = change.apply(base);
            return next == base ? Optional.of(base)
                    : insights.write(current, MemberInsightsDocument.of(next)).map(MemberInsightsDocument::insights);
        });
    }
}
