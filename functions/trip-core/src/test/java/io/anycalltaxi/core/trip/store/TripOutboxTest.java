package io.anycalltaxi.core.trip.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.EventPublisher;
import io.anycalltaxi.core.cloudevents.EventTracing;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.security.WorkloadTokens;
import io.anycalltaxi.core.testing.EmbeddedMongo;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Two producers' events queued on one trip, published by the real publisher to a broker played by
 * a local HTTP server: each producer sends its own and leaves the other's queued for its owner.
 */
class TripOutboxTest {

    private static MongoClient client;
    private static Trips trips;
    private static ScriptedHttpServer broker;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri());
        trips = new Trips(new MongoTemplate(client, "anycalltaxi"));
        broker = new ScriptedHttpServer();
    }

    @AfterAll
    static void disconnect() {
        client.close();
        broker.close();
    }

    private static TripOutbox outboxOf(EventFactory producer) {
        EventPublisher publisher = new EventPublisher(broker.url() + "/anycalltaxi/anycalltaxi", null,
                Duration.ofSeconds(2), new WorkloadTokens(Path.of("no-tokens-here")),
                new EventTracing(Tracer.NOOP, Propagator.NOOP), ObservationRegistry.NOOP);
        return new TripOutbox(trips, publisher, producer, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    @Test
    void aProducerPublishesItsOwnEventsAndLeavesAnothersQueuedForIt() {
        EventFactory createCall = new EventFactory("create-call");
        EventFactory assignTaxi = new EventFactory("assign-taxi");
        String callId = UUID.randomUUID().toString();
        // given: the call's own publish did not get through, so call.requested is still queued
        Place pickup = Places.fresh();
        Trip requested = trips.createAndQueue(Trip.request(callId, "member-" + callId, pickup,
                Places.north(pickup, 3_000), Money.won(10_000), createCall.cause("call-" + callId, Instant.now())));
        Cause accept = assignTaxi.cause("accept-" + callId, Instant.now());
        Trip assigned = trips.changeAndQueue(callId, accept, t -> t.assign("taxi-1", "plate", "driver", 60, accept))
                .trip();
        broker.script(ScriptedHttpServer.Reply.json(202, ""));

        // when: assign-taxi publishes after its change
        boolean allSent = outboxOf(assignTaxi).publish(assigned);

        // then: only taxi.assigned went, from assign-taxi; call.requested waits for create-call
        assertThat(allSent).isTrue();
        assertThat(broker.requests()).extracting(r -> r.header("ce-type") + " from " + r.header("ce-source"))
                .containsExactly("io.anycalltaxi.taxi.assigned from /functions/assign-taxi");
        Trip after = trips.find(callId).orElseThrow();
        assertThat(after.unpublished()).extracting(e -> e.id()).containsExactly(requested.events().get(0).id());
        assertThat(after.outboxSources()).containsExactly("/functions/create-call");

        // and create-call, publishing the trip as it is now, sends its own and nothing else
        broker.script(ScriptedHttpServer.Reply.json(202, ""));
        assertThat(outboxOf(createCall).publish(after)).isTrue();
        assertThat(broker.requests()).extracting(r -> r.header("ce-type"))
                .containsExactly("io.anycalltaxi.call.requested");
        assertThat(trips.find(callId).orElseThrow().unpublished()).isEmpty();
    }
}
