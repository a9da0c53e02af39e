package io.anycalltaxi.core.trip.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.EmbeddedMongo;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.TripStatus;

/** Trips on the embedded MongoDB-wire server: conditional writes instead of transactions. */
class TripsTest {

    private static final Place PICKUP = new Place(37.5663, 126.9779, "Seoul City Hall");
    private static final Place DROPOFF = new Place(37.4979, 127.0276, "Gangnam Station");

    private static MongoClient client;
    private static Trips trips;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri());
        trips = new Trips(new MongoTemplate(client, "anycalltaxi"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Cause cause() {
        return new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), Instant.now());
    }

    private static String newCall() {
        String callId = UUID.randomUUID().toString();
        trips.createAndQueue(Trip.request(callId, "member-" + callId, PICKUP, DROPOFF, Money.won(10_000), cause()));
        return callId;
    }

    @Test
    void onlyOneOfManyConcurrentAssignmentsWins() throws Exception {
        String callId = newCall();
        int drivers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(drivers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < drivers; i++) {
            String taxiId = "taxi-" + i;
            Callable<String> accept = () -> {
                start.await();
                try {
                    trips.change(callId, cause(), t -> t.assign(taxiId, "plate", "driver", 60, cause()));
                    return "won";
                } catch (TripRefusal refused) {
                    return "refused";
                }
            };
            outcomes.add(pool.submit(accept));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn("won"::equals).hasSize(1);
        assertThat(results).filteredOn("refused"::equals).hasSize(drivers - 1);
        Trip trip = trips.find(callId).orElseThrow();
        assertThat(trip.status()).isEqualTo(TripStatus.ASSIGNED);
        assertThat(trip.events()).hasSize(2);
    }

    @Test
    void aCauseAppliedBeforeIsReplayedWithoutWriting() {
        String callId = newCall();
        Cause accept = cause();

        TripChange first = trips.change(callId, accept, t -> t.assign("taxi-1", "plate", "driver", 60, accept));
        TripChange again = trips.change(callId, accept, t -> t.assign("taxi-1", "plate", "driver", 60, accept));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.event()).isEqualTo(first.event());
        assertThat(trips.find(callId).orElseThrow().version()).isEqualTo(first.trip().version());
    }

    @Test
    void aRefusedChangeWritesNothing() {
        String callId = newCall();
        long before = trips.find(callId).orElseThrow().version();

        assertThatThrownBy(() -> trips.change(callId, cause(), t -> t.start("taxi-1", Instant.now(), cause())))
                .isInstanceOf(TripRefusal.class);

        Trip after = trips.find(callId).orElseThrow();
        assertThat(after.version()).isEqualTo(before);
        assertThat(after.status()).isEqualTo(TripStatus.REQUESTED);
    }

    @Test
    void anUnknownCallIsNotFound() {
        assertThatThrownBy(() -> trips.change("no-such-call", cause(), t -> t.expire(cause())))
                .isInstanceOf(TripNotFound.class);
    }

    @Test
    void queuedEventsStayInTheOutboxOfTheirProducerUntilPublished() {
        String callId = newCall();
        Trip created = trips.find(callId).orElseThrow();
        assertThat(created.unpublished()).hasSize(1);
        assertThat(created.outboxSources()).containsExactly("/functions/test");
        assertThat(trips.withUnpublishedEventsOf(URI.create("/functions/test"), 10_000)).extracting(Trip::callId)
                .contains(callId);
        assertThat(trips.withUnpublishedEventsOf(URI.create("/functions/another"), 10_000)).extracting(Trip::callId)
                .doesNotContain(callId);

        trips.published(created, List.of(created.events().get(0).id()));

        assertThat(trips.find(callId).orElseThrow().unpublished()).isEmpty();
        assertThat(trips.find(callId).orElseThrow().version()).as("a change like any other").isEqualTo(1);
        assertThat(trips.withUnpublishedEventsOf(URI.create("/functions/test"), 10_000)).extracting(Trip::callId)
                .doesNotContain(callId);
    }

    @Test
    void publishedAfterAChangeMeanwhileKeepsTheChange() {
        String callId = newCall();
        Trip created = trips.find(callId).orElseThrow();
        trips.change(callId, cause(), t -> t.assign("taxi-1", "plate", "driver", 60, cause()));

        trips.published(created, List.of(created.events().get(0).id()));

        Trip stored = trips.find(callId).orElseThrow();
        assertThat(stored.unpublished()).isEmpty();
        assertThat(stored.taxi()).as("the change made meanwhile").isNotNull();
        assertThat(stored.version()).isEqualTo(created.version() + 2);
    }

    @Test
    void repliedEventsNeverEnterTheOutbox() {
        String callId = newCall();
        Trip created = trips.find(callId).orElseThrow();
        trips.published(created, List.of(created.events().get(0).id()));

        trips.change(callId, cause(), t -> t.assign("taxi-1", "plate", "driver", 60, cause()));
        Cause boarding = cause();
        assertThatThrownBy(() -> trips.changeAndQueue(callId, boarding, t -> t.start("taxi-2", boarding.at(), boarding)))
                .isInstanceOf(TripRefusal.class);

        assertThat(trips.find(callId).orElseThrow().outbox()).isEmpty();
    }
}
