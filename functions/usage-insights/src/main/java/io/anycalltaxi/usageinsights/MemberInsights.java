package io.anycalltaxi.usageinsights;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;

/**
 * A member's usage pattern (F11), counted from completed trips and reviews, each once.
 *
 * @param ridesByHour    24 counts, by the hour the ride started (local time)
 * @param ridesByWeekday 7 counts, Monday first
 * @param countedCalls   the completed trips counted, in the order they were counted
 * @param rideTimes      when each of those rides started, in the same order
 */
public record MemberInsights(
        String memberId,
        long version,
        long totalSpent,
        String currency,
        List<Integer> ridesByHour,
        List<Integer> ridesByWeekday,
        List<Area> pickups,
        List<Area> dropoffs,
        List<String> countedCalls,
        List<Instant> rideTimes,
        long ratingSum,
        List<String> countedReviews) {

    /** Positions rounded to two decimals, about a kilometre: what "an area" means here. */
    public record Area(double lat, double lng, int rides) {

        static double round(double degrees) {
            return Math.round(degrees * 100) / 100.0;
        }
    }

    public static MemberInsights none(String memberId) {
        return new MemberInsights(memberId, 0, 0, "KRW", zeros(24), zeros(7), List.of(), List.of(), List.of(),
                List.of(), 0, List.of());
    }

    public int rides() {
        return countedCalls.size();
    }

    /** Which ride this call was for the member (1 for the first); empty if it is not counted. */
    public Optional<Integer> rideNumberOf(String callId) {
        int index = countedCalls.indexOf(callId);
        return index < 0 ? Optional.empty() : Optional.of(index + 1);
    }

    /** When the ride before ride number {@code ride} started, if there was one. */
    public Instant rideTimeBefore(int ride) {
        return ride < 2 ? null : rideTimes.get(ride - 2);
    }

    public MemberInsights withRide(String callId, Money fare, Place pickup, Place dropoff, Instant startedAt,
            ZoneId zone) {
        if (countedCalls.contains(callId)) {
            return this;
        }
        ZonedDateTime local = startedAt.atZone(zone);
        List<Integer> byHour = new ArrayList<>(ridesByHour);
        byHour.set(local.getHour(), byHour.get(local.getHour()) + 1);
        List<Integer> byWeekday = new ArrayList<>(ridesByWeekday);
        int day = local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        byWeekday.set(day, byWeekday.get(day) + 1);
        return new MemberInsights(memberId, version, totalSpent + fare.amount(), fare.currency(), byHour, byWeekday,
                counted(pickups, pickup), counted(dropoffs, dropoff), append(countedCalls, callId),
                append(rideTimes, startedAt), ratingSum, countedReviews);
    }

    public MemberInsights withReview(String callId, int rating) {
        if (countedReviews.contains(callId)) {
            return this;
        }
        return new MemberInsights(memberId, version, totalSpent, currency, ridesByHour, ridesByWeekday, pickups,
                dropoffs, countedCalls, rideTimes, ratingSum + rating, append(countedReviews, callId));
    }


    /** The area with the most rides; of equals, the one counted first. */
    static Optional<Area> favourite(List<Area> areas) {
        return areas.stream().max(Comparator.comparingInt(Area::rides).thenComparing(areas::indexOf,
                Comparator.reverseOrder()));
    }

    private static List<Area> counted(List<Area> areas, Place place) {
        double lat = Area.round(place.lat());
        double lng = Area.round(place.lng());
        List<Area> updated = new ArrayList<>();
        boolean found = false;
        for (Area area : areas) {
            if (area.lat() == lat && area.lng() == lng) {
                updated.add(new Area(lat, lng, area.rides() + 1));
                found = true;
            } else {
                updated.add(area);
            }
        }
        if (!found) {
            updated.add(new Area(lat, lng, 1));
        }
        return updated;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> appended = new ArrayList<>(list);
        appended.add(item);
        return appended;
    }

    private static List<Integer> zeros(int size) {
        return new ArrayList<>(Collections.nCopies(size, 0));
    }
}
