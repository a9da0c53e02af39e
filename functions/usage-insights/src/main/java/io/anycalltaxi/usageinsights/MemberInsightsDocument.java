package io.anycalltaxi.usageinsights;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member's insights as MongoDB stores them ({@code member_insights}), written by {@link Insights}. */
@Document("member_insights")
record MemberInsightsDocument(
        @Id String memberId,
        long version,
        long totalSpent,
        String currency,
        List<Integer> ridesByHour,
        List<Integer> ridesByWeekday,
        List<MemberInsights.Area> pickups,
        List<MemberInsights.Area> dropoffs,
        List<String> countedCalls,
        List<Instant> rideTimes,
        long ratingSum,
        List<String> countedReviews) {

    static MemberInsightsDocument of(MemberInsights insights) {
        return new MemberInsightsDocument(insights.memberId(), insights.version(), insights.totalSpent(),
                insights.currency(), insights.ridesByHour(), insights.ridesByWeekday(), insights.pickups(),
                insights.dropoffs(), insights.countedCalls(), insights.rideTimes(), insights.ratingSum(),
                insights.countedReviews());
    }

    MemberInsights insights() {
        return new MemberInsights(memberId, version, totalSpent, currency, ridesByHour, ridesByWeekday, pickups,
                dropoffs, countedCalls, rideTimes, ratingSum, countedReviews);
    }

    MemberInsightsDocument withVersion(long newVersion) {
        return new MemberInsightsDocument(memberId, newVersion, totalSpent, currency, ridesByHour, ridesByWeekday,
                pickups, dropoffs, countedCalls, rideTimes, ratingSum, countedReviews);
    }
}
