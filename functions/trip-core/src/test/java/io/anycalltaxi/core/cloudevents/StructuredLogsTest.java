package io.anycalltaxi.core.cloudevents;

import static io.anycalltaxi.core.testing.CloudEventClient.event;
import static io.anycalltaxi.core.testing.CloudEventClient.postBinary;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripStarted;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Logs as structured JSON when configured so ({@code logging.structured.format.console=ecs}, or
 * logstash): each line names the call it is about and the trace it belongs to, the trace being the
 * one the event carried.
 */
@FunctionTest(properties = { "spring.application.name=boarding", "logging.structured.format.console=ecs" })
@AutoConfigureObservability(metrics = false)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    @LocalServerPort
    int port;

    @Test
    void aRefusedEventIsOneJsonLineWithItsCallAndItsTrace(CapturedOutput output) {
        String callId = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        CloudEvent unhandled = CloudEventBuilder.from(event(EventType.TRIP_STARTED, "/functions/start-trip", callId,
                new TripStarted(callId, "taxi-1", null)))
                .withExtension(EventFactory.TRACEPARENT, "00-" + traceId + "-b7ad6b7169203331-01").build();

        assertThat(postBinary("http://localhost:" + port + "/", unhandled, TestIdentity.delivery("boarding"))
                .statusCode()).isEqualTo(400);

        JsonNode line = output.getOut().lines().filter(l -> l.contains("refused event")).map(StructuredLogsTest::json)
                .findFirst().orElseThrow(() -> new AssertionError("no refused event logged in " + output.getOut()));
        assertThat(line.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(line.path("message").asText()).contains("does not handle " + EventType.TRIP_STARTED.type());
        assertThat(line.path("callId").asText()).isEqualTo(callId);
        assertThat(line.path("traceId").asText()).as("the event's trace, continued").isEqualTo(traceId);
        assertThat(line.at("/service/name").asText()).isEqualTo("boarding");
    }

    private static JsonNode json(String line) {
        try {
            return EventJson.mapper().readTree(line);
        } catch (IOException notJson) {
            throw new AssertionError("not one JSON line: " + line, notJson);
        }
    }
}
