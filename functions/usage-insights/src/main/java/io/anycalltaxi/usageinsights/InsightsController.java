package io.anycalltaxi.usageinsights;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.security.Callers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** F11: {@code GET /members/{id}/insights}, the member's usage pattern and promotions: for the member or an operator. */
@RestController
class InsightsController {

    private final Insights insights;
    private final Promotions promotions;

    InsightsController(Insights insights, Promotions promotions) {
        this.insights = insights;
        this.promotions = promotions;
    }

    record Reviews(int count, Double averageRating) {
    }

    record Offer(String code, int discountPercent, String reason) {
    }

    record Report(String memberId, int rides, Money totalSpent, Money averageFare, MemberInsights.Area favouritePickup,
            MemberInsights.Area favouriteDropoff, Map<Integer, Integer> ridesByHour,
            Map<DayOfWeek, Integer> ridesByWeekday, Reviews reviews, List<Offer> promotions) {
    }

    @SecurityRequirement(name = "people", scopes = { "customer","operator" })
    @GetMapping("/members/{memberId}/insights")
    Report insights(@PathVariable String memberId) {
        Callers.memberOrOperator(memberId);
        MemberInsights member = insights.of(memberId).orElseGet(() -> MemberInsights.none(memberId));
        Map<Integer, Integer> byHour = new LinkedHashMap<>();
        for (int hour = 0; hour < 24; hour++) {
            byHour.put(hour, member.ridesByHour().get(hour));
        }
        Map<DayOfWeek, Integer> byWeekday = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            byWeekday.put(day, member.ridesByWeekday().get(day.getValue() - 1));
        }
        int reviews = member.countedReviews().size();
        return new Report(memberId, member.rides(), new Money(member.totalSpent(), member.currency()),
                member.rides() == 0 ? null : new Money(Math.round((double) member.totalSpent() / member.rides()),
                        member.currency()),
                MemberInsights.favourite(member.pickups()).orElse(null),
                MemberInsights.favourite(member.dropoffs()).orElse(null), byHour, byWeekday,
                new Reviews(reviews, reviews == 0 ? null : Math.round(10.0 * member.ratingSum() / reviews) / 10.0),
                promotions.available(memberId).stream()
                        .map(p -> new Offer(p.code(), p.discountPercent(), p.reason())).toList());
    }
}
