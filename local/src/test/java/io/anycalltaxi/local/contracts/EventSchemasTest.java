package io.anycalltaxi.local.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.TestSubscriber;
import io.cloudevents.CloudEvent;

/** The committed schemas (docs/contracts/events) take the real events of a whole trip, as the broker delivered them. */
@ExtendWith(SharedStack.class)
class EventSchemasTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void aWholeTripsEventsAreValidByTheirSchemas() throws IOException {
        Ride ride = Ride.offered(Api.gateway(), "서울56다7890", "Choi Yuna").assigned().started();
        ride.completed(4_200, 600);
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(events(ride.callId()))
                .contains(EventType.TRIP_COMPLETED.type()));

        List<CloudEvent> events = events(ride.callId());
        assertThat(typesOf(events)).as("the trip's events").contains(EventType.CALL_REQUESTED.type(),
                EventType.CALL_OFFERED.type(), EventType.DRIVER_CALL_ACCEPTED.type(), EventType.TAXI_ASSIGNED.type(),
                EventType.DRIVER_PASSENGER_BOARDED.type(), EventType.TRIP_STARTED.type(), EventType.TEXT_SENT.type(),
                EventType.DRIVER_PASSENGER_ALIGHTED.type(), EventType.TRIP_ENDED.type(),
                EventType.PAYMENT_COMPLETED.type(), EventType.TRIP_COMPLETED.type());
        for (CloudEvent event : events) {
            EventType type = EventType.of(event.getType()).orElseThrow();
            JsonSchema schema = SCHEMAS.getSchema(Contracts.DIRECTORY.resolve(EventContracts.schemaPath(type)).toUri());
            JsonNode data = EventContracts.JSON.readTree(event.getData().toBytes());
            assertThat(schema.validate(data)).as("%s %s: %s", event.getType(), event.getId(), data).isEmpty();
        }
        JsonNode withoutCall = EventContracts.JSON.readTree("{\"taxiId\":\"taxi-1\"}");
        assertThat(SCHEMAS.getSchema(Contracts.DIRECTORY.resolve(EventContracts.schemaPath(EventType.TRIP_STARTED))
                .toUri()).validate(withoutCall)).as("a trip event without its callId is invalid").isNotEmpty();
    }

    private static List<CloudEvent> events(String callId) {
        return SharedStack.subscriber().deliveries("/record-catalog").stream().map(TestSubscriber.Delivery::event)
                .filter(event -> callId.equals(event.getSubject())).toList();
    }

    private static Set<String> typesOf(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getType).collect(Collectors.toSet());
    }
}
