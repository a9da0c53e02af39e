package io.anycalltaxi.local.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.TestSubscriber;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * The local broker keeps Knative's Kafka broker contract. The Triggers used here
 * are in src/test/resources/test-eventing and deliver to {@link TestSubscriber}.
 */
@ExtendWith(SharedStack.class)
class BrokerSemanticsTest {

    private static final String BROKER_TOPIC = "knative-broker-anycalltaxi-anycalltaxi";

    private final TestSubscriber subscriber = SharedStack.subscriber();
    private final String ingress = SharedStack.stack().brokerIngress("anycalltaxi").toString();
    /** The tests' producer, allowed test.* types by src/test/resources/test-eventing/event-policies.yaml. */
    private final String[] asProducer = SharedStack.asServiceAccount("test-producer");

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/tests/broker"))
                .withType(type).withSubject("subject-" + UUID.randomUUID()).withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withData("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)).build();
    }

    private List<TestSubscriber.Delivery> awaitDelivered(String path, String eventId, int times) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriber.deliveriesOf(path, eventId), deliveries -> deliveries.size() >= times);
    }

    @Test
    void aBinaryModeEventIsStoredAndDelivered() {
        CloudEvent sent = event("test.ingress");

        assertThat(CloudEventClient.postBinary(ingress, sent, asProducer).statusCode()).isEqualTo(202);

        CloudEvent delivered = awaitDelivered("/record-ingress", sent.getId(), 1).get(0).event();
        assertSameEvent(delivered, sent);
    }

    @Test
    void aStructuredModeEventIsStoredAndDelivered() {
        CloudEvent sent = event("test.ingress");

        assertThat(CloudEventClient.postStructured(ingress, sent, asProducer).statusCode()).isEqualTo(202);

        CloudEvent delivered = awaitDelivered("/record-ingress", sent.getId(), 1).get(0).event();
        assertSameEvent(delivered, sent);
    }

    @Test
    void aMalformedCloudEventIsRefusedAndNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        String body = "{\"marker\":\"" + marker + "\"}";

        HttpResponse<byte[]> noCloudEvent = CloudEventClient.postRaw(ingress, "application/json", body, asProducer);
        HttpResponse<byte[]> noId = CloudEventClient.postRaw(ingress, "application/json", body,
                "ce-specversion", "1.0", "ce-type", "test.ingress", "ce-source", "/tests/" + marker, asProducer[0],
                asProducer[1]);
        HttpResponse<byte[]> brokenStructured = CloudEventClient.postRaw(ingress,
                "application/cloudevents+json", "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\",", asProducer);
        CloudEvent wellFormed = event("test.ingress");
        CloudEventClient.postBinary(ingress, wellFormed, asProducer);
        awaitDelivered("/record-ingress", wellFormed.getId(), 1);

        assertThat(List.of(noCloudEvent, noId, brokenStructured)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        });
        assertThat(storedRecordsMentioning(wellFormed.getId())).as("the well-formed one, sent after").isEqualTo(1);
        assertThat(storedRecordsMentioning(marker)).isZero();
    }

    @Test
    void anEventForAnUnknownBrokerIsNotFound() {
        String elsewhere = ingress.replace("/anycalltaxi/anycalltaxi", "/anycalltaxi/no-such-broker");

        assertThat(CloudEventClient.postBinary(elsewhere, event("test.ingress"), asProducer).statusCode()).isEqualTo(404);
    }

    @Test
    void theIngressTakesOnlyPost() {
        assertThat(CloudEventClient.get(ingress).statusCode()).isEqualTo(405);
    }

    @Test
    void aReplyIn200ReEntersTheBroker() {
        CloudEvent request = event("test.reply.requested");

        CloudEventClient.postBinary(ingress, request, asProducer);

        CloudEvent reply = awaitDelivered("/record-replies", "reply-" + request.getId(), 1).get(0).event();
        assertThat(reply.getType()).isEqualTo("test.reply.produced");
        assertThat(reply.getSubject()).isEqualTo(request.getSubject());
    }

    @Test
    void a202IsNeverAReplyEvenWithCloudEventHeaders() {
        CloudEvent accepted = event("test.accepted");
        CloudEventClient.postBinary(ingress, accepted, asProducer);
        awaitDelivered("/accepted-with-headers", accepted.getId(), 1);

        CloudEvent marker = CloudEventBuilder.v1(event("test.accepted.echo")).withId("marker-" + accepted.getId()).build();
        CloudEventClient.postBinary(ingress, marker, asProducer);
        awaitDelivered("/record-echoes", marker.getId(), 1);

        assertThat(subscriber.deliveriesOf("/record-echoes", "echo-" + accepted.getId())).isEmpty();
    }

    @Test
    void aFailingDeliveryIsRetriedWithBackoffThenDeadLettered() {
        CloudEvent failing = event("test.failing");

        CloudEventClient.postBinary(ingress, failing, asProducer);

        JsonNode dead = Console.awaitDeadLetter(failing.getId());
        List<TestSubscriber.Delivery> attempts = subscriber.deliveriesOf("/fail", failing.getId());
        assertThat(attempts).as("the first delivery and 3 retries").hasSize(4);
        for (int retry = 1; retry < attempts.size(); retry++) {
            Duration waited = Duration.between(attempts.get(retry - 1).at(), attempts.get(retry).at());
            assertThat(waited).as("linear backoff before retry " + retry)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200L * retry));
        }
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("503");
        assertThat(dead.path("knativeerrordest").asText()).endsWith("/fail");
        assertThat(dead.path("knativeerrordata").asText()).isEqualTo("down for the test");
        assertThat(dead.path("type").asText()).isEqualTo("test.failing");
        assertThat(dead.path("data").asText()).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void aBadRequestFromTheSubscriberIsNotRetried() {
        CloudEvent rejected = event("test.rejected");

        CloudEventClient.postBinary(ingress, rejected, asProducer);

        JsonNode dead = Console.awaitDeadLetter(rejected.getId());
        assertThat(subscriber.deliveriesOf("/reject", rejected.getId())).hasSize(1);
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("400");
        assertThat(dead.path("knativeerrordata").asText()).isEqualTo("this event is wrong");
    }

    @Test
    void aSenderWithoutATokenIsNotAuthenticatedAndNothingIsStored() {
        CloudEvent anonymous = event("test.ingress");

        HttpResponse<byte[]> refused = CloudEventClient.postBinary(ingress, anonymous);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(storedRecordsMentioning(anonymous.getId())).isZero();
    }

    @Test
    void anEventPolicyAdmitsATypeFromItsProducerOnly() {
        CloudEvent forged = CloudEventBuilder.v1(event(EventType.TRIP_COMPLETED.type()))
                .withSource(URI.create("/functions/end-trip-pay")).build();
        CloudEvent notATestProducer = event("test.ingress");

        HttpResponse<byte[]> byAnotherFunction = CloudEventClient.postBinary(ingress, forged,
                SharedStack.asServiceAccount("create-call"));
        HttpResponse<byte[]> byTheTestProducer = CloudEventClient.postBinary(ingress, forged, asProducer);
        HttpResponse<byte[]> byAFunction = CloudEventClient.postBinary(ingress, notATestProducer,
                SharedStack.asServiceAccount("create-call"));

        assertThat(List.of(byAnotherFunction, byTheTestProducer, byAFunction))
                .allSatisfy(refused -> assertThat(refused.statusCode()).isEqualTo(403));
        assertThat(storedRecordsMentioning(forged.getId())).isZero();
        assertThat(storedRecordsMentioning(notATestProducer.getId())).isZero();
    }

    @Test
    void aTokenForAnotherAudienceIsNotAccepted() {
        CloudEvent sent = event("test.ingress");
        String token = SharedStack.stack().workloads().token(
                SharedStack.stack().workloads().serviceAccount("test-producer"), "payment");

        assertThat(CloudEventClient.postBinary(ingress, sent, TestIdentity.bearer(token)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDeadLetterSinkTakesLettersFromTriggersOnly() {
        String sink = SharedStack.stack().controlPlane() + "/sinks/anycalltaxi/dead-letters";
        CloudEvent letter = event("test.ingress");

        String aFunction = SharedStack.stack().workloads().token(SharedStack.stack().workloads()
                .serviceAccount("create-call"), "eventing.knative.dev/kafkasink/anycalltaxi/dead-letters");

        assertThat(CloudEventClient.postBinary(sink, letter, TestIdentity.bearer(aFunction)).statusCode())
                .isEqualTo(403);
        assertThat(CloudEventClient.postBinary(sink, letter, asProducer).statusCode()).as("a token for the broker")
                .isEqualTo(401);
        assertThat(CloudEventClient.postBinary(sink, letter).statusCode()).isEqualTo(401);
        assertThat(Console.deadLetter(letter.getId())).isEmpty();
    }

    private static void assertSameEvent(CloudEvent delivered, CloudEvent sent) {
        assertThat(delivered.getId()).isEqualTo(sent.getId());
        assertThat(delivered.getType()).isEqualTo(sent.getType());
        assertThat(delivered.getSource()).isEqualTo(sent.getSource());
        assertThat(delivered.getSubject()).isEqualTo(sent.getSubject());
        assertThat(delivered.getTime().toInstant()).isEqualTo(sent.getTime().toInstant());
        assertThat(delivered.getData().toBytes()).isEqualTo(sent.getData().toBytes());
    }

    /** How many records of the broker's topic carry this text in a header or the value. */
    private static long storedRecordsMentioning(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        long found = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.stack().kafkaBootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(BROKER_TOPIC).stream()
                    .map(p -> new TopicPartition(BROKER_TOPIC, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    boolean inHeaders = StreamSupport.stream(record.headers().spliterator(), false)
                            .anyMatch(h -> contains(h.value(), needle));
                    if (inHeaders || contains(record.value(), needle)) {
                        found++;
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
