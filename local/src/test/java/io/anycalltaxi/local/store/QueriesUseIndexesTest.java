package io.anycalltaxi.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.infra.QueryShapes.Shape;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * Every query a function makes is served by an index the functions declare: a rider and a driver
 * go through what the apps do (sign in, sign up, call, offers, what cancelling would cost, a whole
 * trip with its track, the view, the driver's day, a review, the member's trips and insights, a
 * cancelled call), the operator lists the trips and the fleet and refunds a trip, the dispatch tick fires the sweeps and relays; then each query the
 * embedded MongoDB served meanwhile, by shape, is matched to an index of its collection that
 * starts with one of the fields it selects or sorts by (the prefix MongoDB can use). The list is
 * written to {@code target/queries-and-indexes.txt}.
 */
@ExtendWith(SharedStack.class)
class QueriesUseIndexesTest {

    private final LocalStack stack = SharedStack.stack();
    private final Api api = Api.gateway();

    @Test
    void everyQueryIsServedByAnIndex() throws IOException {
        Instant start = Instant.now();
        Rider rider = Rider.signUp(api);
        Driver driver = new Driver("서울33가3333", "Index Kim");
        Ride ride = Ride.offered(rider, driver, 2_000);
        driver.api.get("/drivers/" + driver.taxiId + "/offers");
        rider.api.get("/calls/" + ride.callId() + "/cancellation");
        ride.assigned().started().completed(2_000, 30);
        driver.api.get("/drivers/" + driver.taxiId + "/trips/today");
        rider.api.post("/calls/" + ride.callId() + "/review", Map.of("memberId", rider.memberId, "rating", 5, "comment", ""));
        rider.api.get("/members/" + rider.memberId + "/trips");
        rider.api.get("/members/" + rider.memberId + "/insights");
        Place again = Rider.somewhere();
        String cancelled = rider.call(again, Rider.near(again, 1_000));
        rider.api.post("/calls/" + cancelled + "/cancel", Map.of());
        Api.operator().get("/operations/trips");
        Api.operator().get("/taxis");
        Api.operator().get("/operations/trips?status=STARTED");
        Api.operator().post("/operations/trips/" + ride.callId() + "/refunds",
                Map.of("amount", Map.of("amount", 100, "currency", "KRW"), "reason", "detour"));
        Console.firePing("dispatch-tick");
        Broker.awaitAllDelivered();

        Set<Shape> queries = stack.queryShapesSince(start); // the functions' own, not other tests' inspections
        assertThat(queries).as("the log saw the location reports' lookup of the taxi's trips")
                .anyMatch(shape -> shape.collection().equals("trip_views") && shape.fields().contains("taxi.taxiId"));
        Map<String, List<List<String>>> indexes = indexes(queries);
        Map<Shape, Optional<List<String>>> served = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        queries.forEach(query -> served.put(query, servedBy(query, indexes.getOrDefault(query.collection(), List.of()))));

        StringBuilder list = new StringBuilder();
        served.forEach((query, index) -> list.append(query).append("  <-  ")
                .append(index.map(String::valueOf).orElse("NO INDEX")).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/queries-and-indexes.txt"), list);
        assertThat(served.entrySet().stream().filter(entry -> entry.getValue().isEmpty()).map(Map.Entry::getKey).toList())
                .as("queries no index serves (all the queries and their indexes:%n%s)", list).isEmpty();
    }

    /**
     * The index MongoDB can use for it: one whose first key is a field the query selects by, or,
     * for a query that selects by nothing, the first it sorts (or a distinct's key) by.
     */
    private static Optional<List<String>> servedBy(Shape query, List<List<String>> indexes) {
        Set<String> usable = query.fields().isEmpty() ? Set.copyOf(query.sort()) : query.fields();
        return indexes.stream().filter(keys -> usable.contains(keys.getFirst())).findFirst();
    }

    /** Each collection's indexes, by their keys in order, as the server lists them. */
    private Map<String, List<List<String>>> indexes(Set<Shape> queries) {
        ConnectionString uri = new ConnectionString(stack.mongoUri());
        Map<String, List<List<String>>> indexes = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database = client.getDatabase(uri.getDatabase());
            for (String collection : queries.stream().map(Shape::collection).distinct().toList()) {
                List<List<String>> keys = new ArrayList<>();
                for (Document index : database.getCollection(collection).listIndexes()) {
                    keys.add(List.copyOf(index.get("key", Document.class).keySet()));
                }
                indexes.put(collection, keys);
            }
        }
        return indexes;
    }
}
