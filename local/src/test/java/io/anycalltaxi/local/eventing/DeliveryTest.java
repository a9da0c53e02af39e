package io.anycalltaxi.local.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Console;
import io.anycalltaxi.local.testing.SharedStack;
import io.anycalltaxi.local.testing.TestSubscriber;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * A delivery path as trustworthy as Knative's Kafka broker: one failing event holds back no other,
 * a failing consumer comes back, a failing dead-letter sink loses nothing, a malformed reply is
 * dead-lettered, a Trigger with its fill in flight holds back no other, ordered Triggers deliver in
 * order, and a letter is redriven to the Trigger that
 * failed it, once. The Triggers are in src/test/resources/test-eventing.
 */
@ExtendWith(SharedStack.class)
class DeliveryTest {

    private final TestSubscriber subscriber = SharedStack.subscriber();
    private final String ingress = SharedStack.stack().brokerIngress("anycalltaxi").toString();
    private final String[] asProducer = SharedStack.asServiceAccount("test-producer");

    private static CloudEvent event(String type, String subject) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/tests/delivery"))
                .withType(type).withSubject(subject).withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withData("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)).build();
    }

    private void send(CloudEvent event) {
        assertThat(CloudEventClient.postBinary(ingress, event, asProducer).statusCode()).isEqualTo(202);
    }

    private List<TestSubscriber.Delivery> awaitDeliveries(String path, String eventId, int times) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriber.deliveriesOf(path, eventId), deliveries -> deliveries.size() >= times);
    }

    @Test
    void aRetryingEventDoesNotDelayTheLaterEventsOfItsTrigger() {
        CloudEvent poison = event("test.poison", "poison-" + UUID.randomUUID());
        CloudEvent later = event("test.poison", "fine-" + UUID.randomUUID());

        send(poison);
        awaitDeliveries("/poison", poison.getId(), 1);
        send(later);

        TestSubscriber.Delivery delivered = awaitDeliveries("/poison", later.getId(), 1).get(0);
        List<TestSubscriber.Delivery> poisonTries = subscriber.deliveriesOf("/poison", poison.getId());
        assertThat(poisonTries).as("the poison's retries (1 s, 2 s, 4 s) were not over").hasSizeLessThan(4);
        assertThat(Console.deadLetter(poison.getId())).isEmpty();
        assertThat(Duration.between(poisonTries.get(0).at(), delivered.at())).isLessThan(Duration.ofSeconds(3));
        assertThat(Console.awaitDeadLetter(poison.getId()).path("knativeerrorcode").asText()).isEqualTo("503");
    }

    @Test
    void aConsumerThatFailsIsStartedAgainAndShowsInTheHealthUntilThen() {
        TriggerDispatcher trigger = SharedStack.stack().broker().trigger("test-ingress");
        int restartsBefore = trigger.restarts();
        AtomicBoolean sawDown = new AtomicBoolean();

        trigger.interruptConsumer();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response health = Console.health();
            if (health.status() == 503 && health.body().path("triggersDown").has("test-ingress")) {
                sawDown.set(true);
            }
            return sawDown.get() && health.status() == 200;
        });
        assertThat(trigger.restarts()).isEqualTo(restartsBefore + 1);
        CloudEvent afterwards = event("test.ingress", "after-restart");
        send(afterwards);
        awaitDeliveries("/record-ingress", afterwards.getId(), 1);
    }

    @Test
    void aTriggerWithItsFillInFlightHoldsBackNoOtherAndTakesTheRestOnceItHasRoom() {
        int more = 20;
        List<CloudEvent> held = IntStream.range(0, TriggerDispatcher.MAX_IN_FLIGHT + more)
                .mapToObj(i -> event("test.held", "held-" + i)).toList();
        subscriber.hold();
        try {
            held.forEach(this::send);
            await().atMost(Duration.ofSeconds(30)).until(() -> heldDelivered(held) >= TriggerDispatcher.MAX_IN_FLIGHT);

            CloudEvent other = event("test.ingress", "beside-a-full-trigger");
            send(other);
            awaitDeliveries("/record-ingress", other.getId(), 1);
            assertThat(heldDelivered(held)).as("taken while full").isEqualTo(TriggerDispatcher.MAX_IN_FLIGHT);
        } finally {
            subscriber.release();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> heldDelivered(held) == held.size());
    }

    /** How many of these events reached /held, each counted once. */
    private long heldDelivered(List<CloudEvent> events) {
        Set<String> ids = events.stream().map(CloudEvent::getId).collect(Collectors.toSet());
        return subscriber.deliveries("/held").stream().map(d -> d.event().getId()).filter(ids::contains).distinct()
                .count();
    }

    @Test
    void aDeadLetterSinkThatFailsIsTriedAgainUntilItTakesTheLetter() throws InterruptedException {
        CloudEvent rejected = event("test.dead.letter.flaky", "flaky-sink");

        send(rejected);

        List<TestSubscriber.Delivery> tries = awaitDeliveries("/flaky-dead-letters", rejected.getId(), 4);
        assertThat(subscriber.deliveriesOf("/reject", rejected.getId())).hasSize(1);
        assertThat(tries.get(3).event().getExtension("knativeerrorcode")).hasToString("400");
        assertThat(SharedStack.stack().broker().awaitDelivered(Duration.ofSeconds(30))).isTrue();
        assertThat(subscriber.deliveriesOf("/flaky-dead-letters", rejected.getId())).as("taken once, not again")
                .hasSize(4);
    }

    @Test
    void aMalformedReplyIsDeadLetteredWithTheReason() {
        CloudEvent asking = event("test.invalid.reply", "malformed");

        send(asking);

        JsonNode dead = Console.awaitDeadLetter(asking.getId());
        assertThat(dead.path("knativeerrorcode").asText()).isEqualTo("200");
        assertThat(dead.path("knativeerrordata").asText()).startsWith("invalid reply");
        assertThat(subscriber.deliveriesOf("/invalid-reply", asking.getId())).hasSize(1);
    }

    @Test
    void anOrderedTriggerDeliversOneEventAtATimeInOrderAndAnUnorderedOneAtOnce() {
        String key = "partition-" + UUID.randomUUID();
        List<CloudEvent> ordered = List.of(keyed(event("test.ordered", "o1"), key), keyed(event("test.ordered", "o2"), key),
                keyed(event("test.ordered", "o3"), key));
        List<CloudEvent> unordered = List.of(keyed(event("test.unordered", "u1"), key),
                keyed(event("test.unordered", "u2"), key), keyed(event("test.unordered", "u3"), key));

        ordered.forEach(this::send);
        unordered.forEach(this::send);

        List<TestSubscriber.Delivery> inOrder = ordered.stream().map(e -> awaitDeliveries("/slow", e.getId(), 1).get(0))
                .toList();
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(Duration.between(inOrder.get(i - 1).at(), inOrder.get(i).at()))
                    .as("each after the one before was answered").isGreaterThanOrEqualTo(TestSubscriber.SLOW);
        }
        List<TestSubscriber.Delivery> atOnce = unordered.stream()
                .map(e -> awaitDeliveries("/slow", e.getId(), 1).get(0)).toList();
        assertThat(Duration.between(atOnce.get(0).at(), atOnce.get(2).at()).abs()).as("not waiting for each other")
                .isLessThan(TestSubscriber.SLOW);
    }

    @Test
    void aLetterIsRedrivenToTheTriggerThatFailedItOnlyAndOnlyOnce() {
        CloudEvent failing = event("test.failing", "redrive");
        send(failing);
        String position = Console.awaitDeadLetter(failing.getId()).path("position").asText();
        assertThat(subscriber.deliveriesOf("/record-witness", failing.getId())).as("another Trigger took it").hasSize(1);
        int triesBefore = subscriber.deliveriesOf("/fail", failing.getId()).size();

        Api.Response redriven = Console.redrive(position);

        assertThat(redriven.status()).isEqualTo(202);
        assertThat(redriven.body().path("sentTo").get(0).asText()).isEqualTo("test-fail");
        assertThat(redriven.body().path("knativeerrorcode").asText()).isEqualTo("503");
        awaitDeliveries("/fail", failing.getId(), triesBefore + 1);
        JsonNode marked = await().atMost(Duration.ofSeconds(30)).until(() -> letterAt(position),
                letter -> !letter.path("redriven").isNull());
        assertThat(marked.path("redriven").path("triggers").get(0).asText()).isEqualTo("test-fail");
        assertThat(subscriber.deliveriesOf("/record-witness", failing.getId())).as("not sent through the broker")
                .hasSize(1);
        assertThat(subscriber.deliveriesOf("/fail", failing.getId()).get(triesBefore).event().getExtension(
                "knativeerrorcode")).as("without the error extensions").isNull();
        assertThat(Console.redrive(position).status()).as("once").isEqualTo(409);
        assertThat(Console.redrive("anycalltaxi-dead-letters:0:999999999").status()).isEqualTo(404);
    }

    @Test
    void deadLettersArePagedOldestFirst() {
        for (int i = 0; i < 3; i++) {
            CloudEvent rejected = event("test.rejected", "paged-" + i);
            send(rejected);
            Console.awaitDeadLetter(rejected.getId());
        }

        JsonNode first = Console.get("/dead-letters?limit=2").body();
        JsonNode second = Console.get("/dead-letters?limit=2&after=" + first.path("next").asText()).body();

        assertThat(first.path("letters")).hasSize(2);
        assertThat(second.path("letters").get(0).path("position").asText())
                .isNotEqualTo(first.path("letters").get(1).path("position").asText());
        assertThat(offset(second.path("letters").get(0))).isGreaterThan(offset(first.path("letters").get(1)));
        assertThat(Console.get("/dead-letters?limit=0").status()).isEqualTo(400);
    }

    private static long offset(JsonNode letter) {
        String[] position = letter.path("position").asText().split(":");
        return Long.parseLong(position[2]);
    }

    private static JsonNode letterAt(String position) {
        return Console.deadLetters().stream().filter(l -> l.path("position").asText().equals(position)).findFirst()
                .orElseThrow();
    }

    private static CloudEvent keyed(CloudEvent event, String key) {
        return CloudEventBuilder.v1(event).withExtension("partitionkey", key).build();
    }
}
