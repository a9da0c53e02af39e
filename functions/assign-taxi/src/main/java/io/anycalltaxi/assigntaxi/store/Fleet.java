package io.anycalltaxi.assigntaxi.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.geo.GeoJsonPoint;
import org.springframework.data.mongodb.core.index.GeoSpatialIndexType;
import org.springframework.data.mongodb.core.index.GeospatialIndex;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.fleet.TrackPoint;
import io.anycalltaxi.core.geo.Distance;
import io.anycalltaxi.core.member.PhoneNumber;
import jakarta.annotation.PostConstruct;

/**
 * The taxis' positions and who is busy. Nearby taxis are found by MongoDB's geospatial query on
 * each taxi's GeoJSON {@code position} (a 2dsphere index), or, on a server without geospatial
 * queries (the embedded one), by a latitude/longitude box; either is refined by great-circle
 * distance. A taxi is claimed for a call by a conditional write, so it cannot be given two calls.
 */
@Component
public class Fleet {

    /** How {@link #near} finds taxis. */
    public enum NearbyQuery {
        /** {@code $nearSphere} on {@code position}, served by a 2dsphere index: MongoDB. */
        GEO,
        /** A box on {@code lat} and {@code lng}, served by an ordinary index: any server. */
        BOX
    }

    private static final double METERS_PER_DEGREE = 111_320;
    /** A track this long covers a ride of hours at a report every few seconds. */
    private static final int TRACK_POINTS = 5_000;

    private final MongoOperations mongo;
    private final NearbyQuery nearby;

    public Fleet(MongoOperations mongo, @Value("${anycalltaxi.fleet.nearby-query:GEO}") NearbyQuery nearby) {
        this.mongo = mongo;
        this.nearby = nearby;
    }

    @PostConstruct
    void indexes() {
        if (nearby == NearbyQuery.GEO) {
            mongo.indexOps(Taxi.class).ensureIndex(new GeospatialIndex("position").typed(GeoSpatialIndexType.GEO_2DSPHERE));
        } else {
            mongo.indexOps(Taxi.class).ensureIndex(new Index().on("lat", Sort.Direction.ASC).on("lng", Sort.Direction.ASC));
        }
        mongo.indexOps(Taxi.class).ensureIndex(new Index().on("busyWith", Sort.Direction.ASC));
        mongo.indexOps(Taxi.class).ensureIndex(new Index().on("driverPhone", Sort.Direction.ASC).unique().sparse());
    }

    public Optional<Taxi> find(String taxiId) {
        return Optional.ofNullable(mongo.findById(taxiId, Taxi.class));
    }

    /** The fleet, by taxi id (the _id index), for operators' map; the first {@code limit}. */
    public List<Taxi> all(int limit) {
        return mongo.find(new Query().with(Sort.by("_id")).limit(limit), Taxi.class);
    }

    /**
     * An operator puts a taxi in the fleet, or changes its plate or driver. A phone drives one taxi.
     *
     * @return whether the taxi is new to the fleet
     * @throws DuplicateKeyException if another taxi's driver has this phone
     */
    public boolean onboard(String taxiId, String taxiNumber, String driverName, PhoneNumber driverPhone) {
        return mongo.upsert(query(where("_id").is(taxiId)), new Update().set("taxiNumber", taxiNumber)
                .set("driverName", driverName).set("driverPhone", driverPhone.e164()), Taxi.class).getUpsertedId() != null;
    }

    /**
     * Keeps the report of an onboarded taxi unless a newer one is known.
     *
     * @return false if the taxi is not in the fleet
     */
    public boolean report(LocationReported report, Instant at) {
        Update update = new Update().set("lat", report.lat()).set("lng", report.lng())
                .set("position", new GeoJsonPoint(report.lng(), report.lat()))
                .set("available", report.available()).set("reportedAt", at);
        Criteria older = new Criteria().orOperator(where("reportedAt").lt(at), where("reportedAt").exists(false));
        Query taxi = query(where("_id").is(report.taxiId()));
        taxi.fields().include("busyWith");
        OnCall call = mongo.findAndModify(Query.of(taxi).addCriteria(older), update, OnCall.class);
        if (call == null) {
            call = mongo.findOne(taxi, OnCall.class); // a newer report is known: the taxi may still be on a call
        }
        if (call == null) {
            return false;
        }
        if (call.busyWith() != null) {
            // a taxi on a call keeps its track, that its ride is measured on (in any order: it is sorted when read)
            mongo.updateFirst(query(where("_id").is(report.taxiId())), new Update().push("track")
                    .slice(-TRACK_POINTS).each(new TrackPoint(report.lat(), report.lng(), at)), Taxi.class);
        }
        return true;
    }

    /** Just which call a taxi is on, read with a report rather than the whole taxi and its track. */
    @Document("taxis")
    record OnCall(@Id String taxiId, String busyWith) {
    }

    /** Free, available taxis that reported since {@code freshSince}, within the radius, nearest first. */
    public List<Nearby> near(Place pickup, int radiusMeters, Instant freshSince, int limit) {
        return mongo.find(nearQuery(nearby, pickup, radiusMeters, freshSince), Taxi.class).stream()
                .map(taxi -> new Nearby(taxi, Distance.meters(taxi.lat(), taxi.lng(), pickup.lat(), pickup.lng())))
                .filter(nearby -> nearby.meters() <= radiusMeters)
                .sorted(Comparator.comparingDouble(Nearby::meters).thenComparing(n -> n.taxi().taxiId()))
                .limit(limit)
                .toList();
    }

    /** The free taxis around the pickup: within the radius (GEO), or within the box around it (BOX). */
    static Query nearQuery(NearbyQuery nearby, Place pickup, int radiusMeters, Instant freshSince) {
        Criteria around;
        if (nearby == NearbyQuery.GEO) {
            around = where("position").nearSphere(new GeoJsonPoint(pickup.lng(), pickup.lat())).maxDistance(radiusMeters);
        } else {
            double dLat = radiusMeters / METERS_PER_DEGREE;
            double dLng = radiusMeters / (METERS_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(pickup.lat()))));
            around = where("lat").gte(pickup.lat() - dLat).lte(pickup.lat() + dLat)
                    .and("lng").gte(pickup.lng() - dLng).lte(pickup.lng() + dLng);
        }
        return query(around.and("available").is(true).and("busyWith").is(null).and("reportedAt").gte(freshSince));
    }

    /** @return whether the taxi is now busy with this call (also if it already was) */
    public boolean claim(String taxiId, String callId, Instant at) {
        return mongo.updateFirst(query(where("_id").is(taxiId).and("available").is(true)
                .orOperator(where("busyWith").is(null), where("busyWith").is(callId))),
                new Update().set("busyWith", callId).set("busySince", at).set("track", List.of()),
                Taxi.class).getMatchedCount() == 1;
    }

    /** The taxi's call, if it is on one. */
    public Optional<String> busyWith(String taxiId) {
        return find(taxiId).map(Taxi::busyWith);
    }

    /** Counts a review of one of the taxi's trips into its rating, once per call. */
    public void rate(String taxiId, String callId, int rating) {
        mongo.updateFirst(query(where("_id").is(taxiId).and("ratedCalls").ne(callId)),
                new Update().inc("ratingSum", rating).push("ratedCalls", callId), Taxi.class);
    }

    /** The taxi is free again, if it was busy with this call. */
    public void release(String taxiId, String callId) {
        mongo.updateFirst(query(where("_id").is(taxiId).and("busyWith").is(callId)),
                new Update().set("busyWith", null).set("busySince", null), Taxi.class);
    }

    public record Nearby(Taxi taxi, double meters) {
    }
}
