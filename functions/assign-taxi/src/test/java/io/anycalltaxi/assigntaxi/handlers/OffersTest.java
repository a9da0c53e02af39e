package io.anycalltaxi.assigntaxi.handlers;

import static io.anycalltaxi.assigntaxi.handlers.DispatchFixture.data;
import static io.anycalltaxi.assigntaxi.handlers.DispatchFixture.freshId;
import static io.anycalltaxi.core.testing.Places.north;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.events.CallAcceptanceRejected;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/** Only taxis in range, fresh and free are offered, nearest first. */
@FunctionTest(properties = "spring.config.name=assign-taxi")
class OffersTest {

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    private DispatchFixture dispatch;

    @BeforeEach
    void fixture() {
        dispatch = new DispatchFixture(port, trips);
    }

    @Test
    void onlyFreshAvailableTaxisInRangeAreOfferedNearestFirst() throws Exception {
        Place pickup = Places.fresh();
        Instant now = Instant.now();
        String near = freshId("near");
        String middle = freshId("middle");
        String edge = freshId("edge");
        String outOfRange = freshId("far");
        String stale = freshId("stale");
        String offDuty = freshId("off-duty");
        dispatch.report(edge, north(pickup, 2_900), true, now);
        dispatch.report(near, north(pickup, 100), true, now);
        dispatch.report(outOfRange, north(pickup, 3_500), true, now);
        dispatch.report(middle, north(pickup, 1_200), true, now);
        dispatch.report(stale, north(pickup, 50), true, now.minus(Duration.ofMinutes(5)));
        dispatch.report(offDuty, north(pickup, 60), false, now);

        List<String> offered = dispatch.call(freshId("call"), pickup);

        assertThat(offered).containsExactly(near, middle, edge);
    }

    @Test
    void aTaxiThatWasNotOfferedTheCallCannotTakeIt() {
        Place pickup = Places.fresh();
        String near = freshId("near");
        String far = freshId("far");
        dispatch.report(near, north(pickup, 100), true, Instant.now());
        dispatch.report(far, north(pickup, 8_000), true, Instant.now());
        String callId = freshId("call");
        dispatch.call(callId, pickup);

        CloudEvent answer = dispatch.accept(callId, far);

        assertThat(answer.getType()).isEqualTo(EventType.CALL_ACCEPTANCE_REJECTED.type());
        assertThat(data(answer, CallAcceptanceRejected.class).reason()).isEqualTo("not offered");
        assertThat(dispatch.accept(callId, near).getType()).isEqualTo(EventType.TAXI_ASSIGNED.type());
    }

    @Test
    void aDriverSeesTheOpenCallsOfferedToItWithTheDistanceToThePickup() throws Exception {
        Place pickup = Places.fresh();
        String taxi = freshId("taxi");
        dispatch.report(taxi, north(pickup, 400), true, Instant.now());
        String callId = freshId("call");
        dispatch.call(callId, pickup);

        JsonNode offers = new ObjectMapper().readTree(
                CloudEventClient.get("http://localhost:" + port + "/drivers/" + taxi + "/offers",
                        TestIdentity.bearer(TestIdentity.driver(taxi))).body());

        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).path("callId").asText()).isEqualTo(callId);
        assertThat(offers.get(0).path("distanceToPickupMeters").asLong()).isBetween(390L, 410L);
        assertThat(offers.get(0).path("fareEstimate").path("amount").asLong()).isEqualTo(10_000);

        dispatch.accept(callId, taxi);
        JsonNode after = new ObjectMapper().readTree(
                CloudEventClient.get("http://localhost:" + port + "/drivers/" + taxi + "/offers",
                        TestIdentity.bearer(TestIdentity.driver(taxi))).body());
        assertThat(after).as("an assigned call is no longer open").isEmpty();
    }

    @Test
    void theEtaFollowsTheTaxisDistanceToThePickup() {
        Place pickup = Places.fresh();
        String taxi = freshId("taxi");
        dispatch.report(taxi, north(pickup, 2_500), true, Instant.now());
        String callId = freshId("call");
        dispatch.call(callId, pickup);

        CloudEvent assigned = dispatch.accept(callId, taxi);

        long etaSeconds = data(assigned, TaxiAssigned.class).etaSeconds();
        assertThat(etaSeconds).as("2.5 km at 30 km/h").isEqualTo(300);
    }
}
