package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.count;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.StreamSupport;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.Driver;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.CloudEvent;

/**
 * Through the broker: a driver event the trip refuses changes nothing and
 * lands in the dead-letter sink with the reason; an event delivered twice changes nothing twice.
 */
@ExtendWith(SharedStack.class)
class TripRulesTest {

    private final Api api = Api.gateway();

    private Ride called() {
        return Ride.offered(api, "서울34나5678", "Choi Yuna");
    }

    private Ride assigned() {
        return called().assigned();
    }

    @Test
    void boardingBeforeAssignmentIsRefused() {
        Ride ride = called();

        CloudEvent early = ride.driver().board(ride.callId());

        JsonNode dead = Console.awaitDeadLetter(early.getId());
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("422");
        assertThat(dead.path("knativeerrordata").asText()).contains("REQUESTED");
        assertThat(Api.operator().get("/trips/" + ride.callId()).body().path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void alightingBeforeBoardingIsRefused() {
        Ride ride = assigned();

        CloudEvent early = ride.driver().alight(ride.callId(), 1_000, 60);

        JsonNode dead = Console.awaitDeadLetter(early.getId());
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("422");
        JsonNode view = Api.operator().get("/trips/" + ride.callId()).body();
        assertThat(view.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(timeline(view)).doesNotContain("trip.ended");
    }

    @Test
    void anotherDriverCannotBoardThePassenger() {
        Ride ride = assigned();
        Driver other = new Driver("서울99다0000", "Lee Jun");

        CloudEvent intruding = other.board(ride.callId());

        JsonNode dead = Console.awaitDeadLetter(intruding.getId());
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("403");
        assertThat(Api.operator().get("/trips/" + ride.callId()).body().path("status").asText()).isEqualTo("ASSIGNED");
        ride.driver().board(ride.callId());
        awaitStatus(ride.callId(), "STARTED");
    }

    @Test
    void redeliveredEventsChangeNothingTwice() {
        Ride ride = assigned();

        CloudEvent boarding = ride.driver().board(ride.callId());
        awaitView(ride.callId(), view -> count(view, "text.sent") >= 2);
        ride.driver().send(boarding);
        CloudEvent alighting = ride.driver().alight(ride.callId(), 4_000, 600);
        ride.driver().send(alighting);
        ride.driver().send(alighting);
        awaitStatus(ride.callId(), "COMPLETED");
        Broker.awaitAllDelivered();

        JsonNode view = Api.operator().get("/trips/" + ride.callId()).body();
        assertThat(count(view, "trip.started")).isEqualTo(1);
        assertThat(count(view, "trip.ended")).isEqualTo(1);
        assertThat(count(view, "payment.completed")).isEqualTo(1);
        assertThat(count(view, "trip.completed")).isEqualTo(1);
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            var db = mongo.getDatabase("anycalltaxi");
            assertThat(db.getCollection("payments").countDocuments(new Document("request.callId", ride.callId())))
                    .as("charges").isEqualTo(1);
            long startedTexts = StreamSupport.stream(new Api(SharedStack.stack().smsRecorder())
                    .get("/messages?callId=" + ride.callId()).body().spliterator(), false)
                    .filter(text -> text.path("kind").asText().equals("trip-started")).count();
            assertThat(startedTexts).as("texts to the friend on start").isEqualTo(1);
        }
    }
}
