package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * A CloudEvent is its source and its id together: two drivers' apps that both number their
 * events from 1 are two streams of events, and neither swallows the other's (nor do the events the
 * functions derive from them).
 */
@ExtendWith(SharedStack.class)
class SameIdsFromTwoSourcesTest {

    private final Api api = Api.gateway();

    @Test
    void twoDriversUsingTheSameEventIdsAreBothHeard() {
        List<Ride> rides = List.of(Ride.offered(api, "서울85가8585", "Seo Ah").assigned(),
                Ride.offered(api, "서울86가8686", "Tak Yu").assigned());

        for (Ride ride : rides) {
            String taxiId = ride.driver().taxiId;
            ride.driver().send(CloudEventBuilder.v1(CloudEventClient.fromDriver(EventType.DRIVER_PASSENGER_BOARDED,
                    taxiId, ride.callId(), new PassengerBoarded(ride.callId(), taxiId))).withId("1").build());
        }

        for (Ride ride : rides) {
            JsonNode started = awaitView(ride.callId(), view -> "STARTED".equals(view.path("status").asText())
                    && hasInTimeline("trip.started").test(view) && hasText(view, "trip-started"));
            assertThat(started.path("status").asText()).isEqualTo("STARTED");
        }
    }

    private static boolean hasText(JsonNode view, String kind) {
        return StreamSupport.stream(view.path("notifications").spliterator(), false)
                .anyMatch(n -> n.path("kind").asText().equals(kind));
    }
}
