package io.anycalltaxi.core.fleet;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.member.PhoneNumber;

/** Looks the onboarded taxis and their tracks up. */
public class TaxiDirectory {

    private final MongoOperations mongo;

    public TaxiDirectory(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * The taxi's reported track between these times, in time order: assign-taxi keeps the reports
     * of a taxi on a call ({@code taxis.track}), end-trip-pay measures the ride on it.
     */
    public List<TrackPoint> track(String taxiId, Instant from, Instant to) {
        TrackedTaxi taxi = mongo.findById(taxiId, TrackedTaxi.class);
        return taxi == null || taxi.track() == null ? List.of() : taxi.track().stream()
                .filter(p -> !p.at().isBefore(from) && !p.at().isAfter(to))
                .sorted(Comparator.comparing(TrackPoint::at)).toList();
    }

    @Document("taxis")
    record TrackedTaxi(@Id String taxiId, List<TrackPoint> track) {
    }

    public Optional<OnboardedTaxi> drivenBy(PhoneNumber phone) {
        return Optional.ofNullable(mongo.findOne(query(where("driverPhone").is(phone.e164())), OnboardedTaxi.class));
    }
}
