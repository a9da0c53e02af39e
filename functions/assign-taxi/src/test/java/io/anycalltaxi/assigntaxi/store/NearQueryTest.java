package io.anycalltaxi.assigntaxi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.geo.GeoJsonPoint;

import io.anycalltaxi.assigntaxi.store.Fleet.NearbyQuery;
import io.anycalltaxi.core.events.Place;

/**
 * The query for the taxis around a pickup, as each server is asked: MongoDB by $nearSphere on the
 * GeoJSON position (longitude first, the radius in meters), the embedded server by a box.
 */
class NearQueryTest {

    private static final Place CITY_HALL = new Place(37.5665, 126.9780, "City Hall");
    private static final Instant FRESH_SINCE = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void mongoDbIsAskedForTheTaxisWithinTheRadiusOfThePickup() {
        Document query = Fleet.nearQuery(NearbyQuery.GEO, CITY_HALL, 3_000, FRESH_SINCE).getQueryObject();

        Document near = query.get("position", Document.class).get("$nearSphere", Document.class);
        assertThat(near.get("$geometry")).isEqualTo(new GeoJsonPoint(126.9780, 37.5665));
        assertThat(near.get("$maxDistance")).isEqualTo(3_000.0);
        assertThat(query).doesNotContainKeys("lat", "lng");
        assertFree(query);
    }

    @Test
    void theEmbeddedServerIsAskedForTheBoxAroundIt() {
        Document query = Fleet.nearQuery(NearbyQuery.BOX, CITY_HALL, 3_000, FRESH_SINCE).getQueryObject();

        Document lat = query.get("lat", Document.class);
        assertThat(lat.getDouble("$gte")).isCloseTo(37.5665 - 3_000 / 111_320.0, offset(1e-9));
        assertThat(lat.getDouble("$lte")).isCloseTo(37.5665 + 3_000 / 111_320.0, offset(1e-9));
        assertThat(query.get("lng", Document.class).getDouble("$gte")).isLessThan(126.9780 - 3_000 / 111_320.0);
        assertThat(query).doesNotContainKey("position");
        assertFree(query);
    }

    private static void assertFree(Document query) {
        assertThat(query.get("available")).isEqualTo(true);
        assertThat(query).containsEntry("busyWith", null);
        assertThat(query.get("reportedAt", Document.class).get("$gte")).isEqualTo(FRESH_SINCE);
    }
}
