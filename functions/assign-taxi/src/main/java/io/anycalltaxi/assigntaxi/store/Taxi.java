package io.anycalltaxi.assigntaxi.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A taxi of the fleet: as an operator onboarded it, and as its driver's app last reported it.
 *
 * @param driverPhone E.164, the phone its driver signs in with
 * @param lat        where it last reported, null until its first report (as {@code lng})
 * @param available what the driver says (on duty, free); null until its first report
 * @param busyWith  the call this taxi was claimed for, until its trip ends
 * @param busySince when it was claimed
 * @param ratingSum  the sum of the ratings its trips were given (absent before the first review)
 * @param ratedCalls the reviewed calls counted in it, once each (absent before the first review)
 */
@Document("taxis")
public record Taxi(
        @Id String taxiId,
        String taxiNumber,
        String driverName,
        String driverPhone,
        Double lat,
        Double lng,
        Boolean available,
        Instant reportedAt,
        String busyWith,
        Instant busySince,
        Long ratingSum,
        List<String> ratedCalls) {

    /** Whether its driver's app has reported where it is since it was onboarded. */
    public boolean hasReported() {
        return reportedAt != null && lat != null && lng != null;
    }

    /** The driver's average rating to one decimal, or null before the first review. */
    public Double averageRating() {
        return ratedCalls == null || ratedCalls.isEmpty() ? null
                : Math.round(10.0 * ratingSum / ratedCalls.size()) / 10.0;
    }
}
