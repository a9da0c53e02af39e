package io.anycalltaxi.local.identity;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.SseClient;

/**
 * Who may do what, route by route: six actors (nobody, another member, the member who owns the
 * call, another taxi's driver, the call's driver, an operator) against every route of the gateway
 * and the console. Each cell is the status the actor gets; a refusal changes nothing.
 */
@ExtendWith(SharedStack.class)
class AccessMatrixTest {

    private static final String ANONYMOUS = "anonymous";
    private static final String OTHER_MEMBER = "other member";
    private static final String OWNER = "owner";
    private static final String OTHER_DRIVER = "other driver";
    private static final String DRIVER = "the driver";
    private static final String OPERATOR = "operator";
    private static final List<String> ACTORS = List.of(ANONYMOUS, OTHER_MEMBER, OWNER, OTHER_DRIVER, DRIVER, OPERATOR);

    private Ride ride;
    private Rider owner;
    private Driver driver;
    private final Map<String, Api> as = new LinkedHashMap<>();

    @BeforeEach
    void aCallOfferedToItsDriver() {
        ride = Ride.offered(Api.gateway(), "서울01마0101", "Kim Ha");
        owner = ride.rider();
        driver = ride.driver();
        Driver otherDriver = new Driver("서울02마0202", "Lee Do");
        as.put(ANONYMOUS, Api.gateway());
        as.put(OTHER_MEMBER, Rider.signUp(Api.gateway()).api);
        as.put(OWNER, owner.api);
        as.put(OTHER_DRIVER, otherDriver.api);
        as.put(DRIVER, driver.api);
        as.put(OPERATOR, Api.operator());
    }

    /** One route: what is asked, and the status each actor gets, in the order of {@link #ACTORS}. */
    private record Route(String name, Function<Api, Integer> ask, int... expected) {
    }

    private static Map<String, Object> card(String number) {
        return Map.of("number", number, "expMonth", 12, "expYear", 2035, "cvc", "123");
    }

    private List<Route> refusingRoutes(String callId, String memberId, String taxiId) {
        String newTaxi = "taxi-" + UUID.randomUUID();
        URI console = SharedStack.stack().controlPlane();
        URI projectView = SharedStack.stack().function("project-view").url();
        return List.of(
                new Route("POST /members", api -> api.post("/members", Map.of("name", "Someone", "phone",
                        Rider.freshPhone(), "friendPhone", Rider.freshPhone(), "card", card("4242424242424242")))
                        .status(), 401, 403, 403, 403, 403, 403),
                new Route("GET /members/{id}", api -> api.get("/members/" + memberId).status(),
                        401, 403, 200, 403, 403, 200),
                new Route("PUT /members/{id}/card", api -> api == as.get(OWNER) ? -1
                        : api.put("/members/" + memberId + "/card", card("5555555555554444")).status(),
                        401, 403, -1, 403, 403, 403),
                new Route("POST /calls (for the owner)", api -> api.post("/calls", Map.of("memberId", memberId,
                        "pickup", ride.pickup(), "dropoff", ride.pickup())).status(), 401, 403, 409, 403, 403, 403),
                new Route("POST /calls/{id}/cancel", api -> api == as.get(OWNER) ? -1
                        : api.post("/calls/" + callId + "/cancel", "application/json", "").status(),
                        401, 404, -1, 403, 403, 403),
                new Route("GET /fares/estimate", api -> api.get("/fares/estimate?pickupLat=37.56&pickupLng=126.97"
                        + "&dropoffLat=37.5&dropoffLng=127.02").status(), 401, 200, 200, 403, 403, 403),
                new Route("GET /calls/{id}/cancellation", api -> api.get("/calls/" + callId + "/cancellation").status(),
                        401, 404, 200, 403, 403, 403),
                new Route("POST /calls/{id}/review", api -> api.post("/calls/" + callId + "/review",
                        Map.of("rating", 5, "comment", "")).status(), 401, 403, 409, 403, 403, 403),
                new Route("GET /members/{id}/insights", api -> api.get("/members/" + memberId + "/insights").status(),
                        401, 403, 200, 403, 403, 200),
                new Route("GET /drivers/{taxiId}/offers", api -> api.get("/drivers/" + taxiId + "/offers").status(),
                        401, 403, 403, 403, 200, 403),
                new Route("GET /drivers/{taxiId}/trips/today", api -> api.get("/drivers/" + taxiId + "/trips/today")
                        .status(), 401, 403, 403, 403, 200, 403),
                new Route("GET /taxis", api -> api.get("/taxis").status(), 401, 403, 403, 403, 403, 200),
                new Route("POST /taxis", api -> api == as.get(OPERATOR) ? -1 : api.post("/taxis", Map.of("taxiId",
                        newTaxi, "taxiNumber", "서울00가0000", "driverName", "Nobody", "phone", Rider.freshPhone()))
                        .status(), 401, 403, 403, 403, 403, -1),
                new Route("GET /trips/{id}", api -> api.get("/trips/" + callId).status(), 401, 404, 200, 404, 404, 200),
                new Route("GET /trips/{id}/stream", api -> stream(callId, api), 401, 404, 200, 404, 404, 200),
                new Route("GET /members/{id}/trips", api -> api.get("/members/" + memberId + "/trips").status(),
                        401, 403, 200, 403, 403, 200),
                new Route("POST /events (a location for the driver's taxi)", api -> CloudEventClient.postBinary(
                        SharedStack.stack().gateway() + "/events", CloudEventClient.fromDriver(
                                EventType.DRIVER_LOCATION_REPORTED, taxiId, null,
                                new LocationReported(taxiId, ride.pickup().lat(), ride.pickup().lng(), true)),
                        bearer(api)).statusCode(), 401, 403, 403, 403, 202, 403),
                new Route("GET /shared/trips/{id} without its token", api -> api.get("/shared/trips/" + callId).status(),
                        404, 404, 404, 404, 404, 404),
                new Route("console GET /functions", api -> api.at(console).get("/functions").status(),
                        401, 403, 403, 403, 403, 200),
                new Route("console GET /dead-letters", api -> api.at(console).get("/dead-letters").status(),
                        401, 403, 403, 403, 403, 200),
                new Route("console GET /dead-letters through the gateway", api -> api.get("/console/dead-letters")
                        .status(), 401, 403, 403, 403, 403, 200),
                new Route("console GET /texts", api -> api.at(console).get("/texts").status(),
                        401, 403, 403, 403, 403, 200),
                new Route("console GET /traces/{id}", api -> api.at(console).get("/traces/" + "0".repeat(32)).status(),
                        401, 403, 403, 403, 403, 200),
                new Route("console POST /functions/{name}/stop", api -> api.at(console)
                        .post("/functions/no-such-function/stop", "application/json", "").status(),
                        401, 403, 403, 403, 403, 404),
                new Route("console POST /dead-letters/{id}/redrive", api -> api.at(console)
                        .post("/dead-letters/no-such-letter/redrive", "application/json", "").status(),
                        401, 403, 403, 403, 403, 404),
                new Route("console PUT /broker/ingress", api -> api == as.get(OPERATOR) ? -1
                        : api.at(console).put("/broker/ingress", Map.of("open", false)).status(),
                        401, 403, 403, 403, 403, -1),
                new Route("console POST /pingsources/{name}/fire", api -> api == as.get(OPERATOR) ? -1
                        : api.at(console).post("/pingsources/dispatch-tick/fire", "application/json", "").status(),
                        401, 403, 403, 403, 403, -1),
                new Route("project-view POST /views/rebuild", api -> api == as.get(OPERATOR) ? -1
                        : api.at(projectView).post("/views/rebuild", "application/json", "").status(),
                        401, 403, 403, 403, 403, -1));
    }

    private static String[] bearer(Api api) {
        return api.token() == null ? new String[0] : TestIdentity.bearer(api.token());
    }

    private static int stream(String callId, Api api) {
        try (SseClient client = new SseClient(SharedStack.stack().gateway().resolve("/trips/" + callId + "/stream"),
                null, api.token())) {
            return client.awaitStatus();
        }
    }

    @Test
    void everyActorGetsWhatItMayAndARefusalChangesNothing() {
        String callId = ride.callId();
        String before = stateOf(callId, owner.memberId, driver.taxiId);

        SoftAssertions cells = new SoftAssertions();
        for (Route route : refusingRoutes(callId, owner.memberId, driver.taxiId)) {
            for (int actor = 0; actor < ACTORS.size(); actor++) {
                if (route.expected()[actor] < 0) {
                    continue;
                }
                int got = route.ask().apply(as.get(ACTORS.get(actor)));
                cells.assertThat(got).as(route.name() + " by " + ACTORS.get(actor)).isEqualTo(route.expected()[actor]);
            }
        }
        cells.assertAll();

        assertThat(stateOf(callId, owner.memberId, driver.taxiId)).as("what the refusals left").isEqualTo(before);
    }

    @Test
    void whatTheMatrixDoesNotExerciseByChangeIsAllowedToItsActor() {
        Api.Response card = owner.api.put("/members/" + owner.memberId + "/card", card("5555555555554444"));
        Api.Response onboarded = Api.operator().post("/taxis", Map.of("taxiId", "taxi-" + UUID.randomUUID(),
                "taxiNumber", "서울03마0303", "driverName", "Park Ra", "phone", Rider.freshPhone()));
        Api.Response cancelled = owner.api.post("/calls/" + ride.callId() + "/cancel", "application/json", "");

        assertThat(card.status()).isEqualTo(200);
        assertThat(onboarded.status()).isEqualTo(201);
        assertThat(cancelled.status()).isEqualTo(200);
        awaitView(ride.callId(), hasInTimeline("call.cancelled"));
    }

    @Test
    void theConsoleRefusesCrossSiteRequestsEvenWithAnOperatorsToken() {
        Api console = Api.operator().at(SharedStack.stack().controlPlane());

        assertThat(console.get("/functions", "Origin", "https://elsewhere.example").status()).isEqualTo(403);
        assertThat(console.get("/functions", "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(console.get("/functions", "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
        assertThat(console.get("/functions", "Origin", SharedStack.stack().gateway().toString().replaceAll("/$", ""))
                .status()).as("the web app's operator page, through the gateway").isEqualTo(200);
    }

    /** The call, the member's card, the fleet's size and the calls stored: what a refused request must not touch. */
    private static String stateOf(String callId, String memberId, String taxiId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            MongoDatabase db = mongo.getDatabase("anycalltaxi");
            Document trip = db.getCollection("trips").find(new Document("_id", callId)).first();
            Document member = db.getCollection("members").find(new Document("_id", memberId)).first();
            return trip.getString("status") + " v" + trip.get("version") + " | card " + member.get("card", Document.class)
                    .getString("last4") + " | taxis " + db.getCollection("taxis").countDocuments() + " | calls of the member "
                    + db.getCollection("trips").countDocuments(new Document("memberId", memberId)) + " | views "
                    + db.getCollection("trip_views").countDocuments(new Document("memberId", memberId));
        }
    }
}
