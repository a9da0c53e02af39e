package io.anycalltaxi.local.view;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.SseClient;

/**
 * A customer following the trip (SSE through the gateway) sees the taxi move and
 * every stage, in order, as they happen; reconnecting with Last-Event-ID resumes; a stream whose
 * client has gone does not stay open.
 */
@ExtendWith(SharedStack.class)
class TripStreamTest {

    private final Api api = Api.gateway();

    private URI stream(String callId) {
        return SharedStack.stack().gateway().resolve("/trips/" + callId + "/stream");
    }

    @Test
    void aSubscriberSeesPositionsAndStatusesInOrder() {
        Ride ride = Ride.offered(api, "서울66사6666", "Bae Jin");
        try (SseClient customer = new SseClient(stream(ride.callId()), null, ride.rider().api.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !customer.received().isEmpty());
            assertThat(customer.status()).isEqualTo(200);
            assertThat(customer.contentType()).startsWith("text/event-stream");

            ride.assigned();
            moveAndWait(ride, 300);
            ride.started();
            moveAndWait(ride, 2_000);
            // alighted where it last reported: no more positions than the two above
            ride.driver().alight(ride.callId(), 2_000, 30);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastStatus(customer).equals("COMPLETED"));

            List<SseClient.Message> messages = customer.received();
            List<String> statuses = new ArrayList<>();
            List<Double> positions = new ArrayList<>();
            long previousId = 0;
            for (SseClient.Message message : messages) {
                assertThat(message.event()).isEqualTo("view");
                assertThat(Long.parseLong(message.id())).as("ids grow").isGreaterThan(previousId);
                previousId = Long.parseLong(message.id());
                String status = message.data().path("status").asText();
                if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                    statuses.add(status);
                }
                JsonNode location = message.data().path("location");
                if (!location.isMissingNode() && (positions.isEmpty()
                        || positions.get(positions.size() - 1) != location.path("lat").asDouble())) {
                    positions.add(location.path("lat").asDouble());
                }
            }
            assertThat(statuses).containsSubsequence("REQUESTED", "ASSIGNED", "STARTED", "COMPLETED");
            assertThat(positions).containsExactly(Rider.near(ride.pickup(), 300).lat(),
                    Rider.near(ride.pickup(), 2_000).lat());
        }
    }

    @Test
    void reconnectingWithTheLastEventIdResumesAfterIt() {
        Ride ride = Ride.offered(api, "서울77아7777", "Ko Eun").assigned();
        String seen;
        try (SseClient first = new SseClient(stream(ride.callId()), null, ride.rider().api.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.received().isEmpty());
            seen = first.received().get(first.received().size() - 1).id();
        }

        try (SseClient upToDate = new SseClient(stream(ride.callId()), seen, ride.rider().api.token())) {
            ride.driver().board(ride.callId());
            await().atMost(Duration.ofSeconds(10)).until(() -> lastStatus(upToDate).equals("STARTED"));
            assertThat(upToDate.received()).allSatisfy(message ->
                    assertThat(Long.parseLong(message.id())).isGreaterThan(Long.parseLong(seen)));
        }
        try (SseClient behind = new SseClient(stream(ride.callId()), seen, ride.rider().api.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !behind.received().isEmpty());
            assertThat(behind.received().get(0).data().path("status").asText())
                    .as("what it missed, at once").isEqualTo("STARTED");
        }
    }

    @Test
    void aStreamWhoseClientLeftIsClosed() {
        Ride ride = Ride.offered(api, "서울88자8888", "Yoon Ha");
        // earlier tests' streams, closed once their heartbeat finds their client gone
        await().atMost(Duration.ofSeconds(20)).until(() -> openStreams() == 0);
        try (SseClient customer = new SseClient(stream(ride.callId()), null, ride.rider().api.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !customer.received().isEmpty());
            assertThat(openStreams()).isEqualTo(1);
        }

        // nothing changes on the trip: its heartbeat is what finds the client gone
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
    }

    private static int openStreams() {
        Api.Response meter = Api.operator().at(SharedStack.stack().functions().get("project-view").url())
                .get("/actuator/metrics/anycalltaxi.view.streams");
        assertThat(meter.status()).isEqualTo(200);
        return meter.body().path("measurements").path(0).path("value").asInt();
    }

    private void moveAndWait(Ride ride, double metersNorth) {
        var report = ride.driver().reportAt(Rider.near(ride.pickup(), metersNorth), false);
        awaitView(ride.callId(), view -> view.path("location").path("lat").asDouble()
                == Rider.near(ride.pickup(), metersNorth).lat());
        assertThat(report).isNotNull();
    }

    private static String lastStatus(SseClient client) {
        List<SseClient.Message> messages = client.received();
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).data().path("status").asText();
    }
}
