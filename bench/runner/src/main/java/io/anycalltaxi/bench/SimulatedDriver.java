package io.anycalltaxi.bench;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.PhoneIdentity;
import io.cloudevents.CloudEvent;

/**
 * A driver with a rider of their own, at a place no other taxi is near: each trip is called,
 * offered, accepted, boarded, ended and paid through the gateway and the broker, as the apps do it.
 */
final class SimulatedDriver {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** A trip not completed within its patience, at any step (a 504 is what a gateway would answer). */
    private static final int NOT_DONE = 504;
    static final int ON_A_TRIP = 0;

    private static final AtomicLong PHONES = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000));

    private final Api api;
    private final MongoTemplate mongo;
    private final Members members;
    private final Place home;
    private final String taxiId = "taxi-bench-" + UUID.randomUUID();
    private final String token;
    private volatile boolean riding;

    /** A taxi the operator onboards, its driver signed in (with the token sign-in would give). */
    SimulatedDriver(Stage stage, Place home) {
        this.api = stage.gateway();
        this.mongo = stage.mongo();
        this.members = stage.members();
        this.home = home;
        PhoneNumber phone = new PhoneNumber(String.format("+8211%08d", PHONES.incrementAndGet() % 100_000_000));
        Api.Answer onboarded = api.post("/taxis", Map.of("taxiId", taxiId, "taxiNumber", number(), "driverName",
                "Bench Driver", "phone", phone.e164()), stage.stack().operatorToken());
        if (onboarded.status() != 201) {
            throw new IllegalStateException("taxi " + taxiId + " was not onboarded: " + onboarded.status());
        }
        this.token = stage.stack().people().accessFor(new PhoneIdentity(phone, null, taxiId), Duration.ofHours(2)).value();
    }

    /** On duty at home, once dispatch knows it. */
    void standBy() {
        send(EventType.DRIVER_LOCATION_REPORTED, null, new LocationReported(taxiId, home.lat(), home.lng(), true));
        if (!isFreeInTime()) {
            throw new IllegalStateException("taxi " + taxiId + " was never free to take a call");
        }
    }

    private String number() {
        return String.format("서울00바%04d", Math.floorMod(taxiId.hashCode(), 10_000));
    }

    /**
     * Where the taxi is now, somewhere near home, on duty: what its app reports every few seconds
     * (dispatch offers no call to a taxi that has not reported for a minute).
     *
     * @return the answer's status, or {@link #ON_A_TRIP} if nothing was sent: the trip's own events tell where it is
     */
    int reportPosition() {
        if (riding) {
            return ON_A_TRIP;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return post(EventType.DRIVER_LOCATION_REPORTED, null, new LocationReported(taxiId,
                home.lat() + random.nextDouble(-0.01, 0.01), home.lng() + random.nextDouble(-0.01, 0.01), true));
    }

    /** One whole trip; the status is 200 when it was completed and paid, otherwise what went wrong. */
    int trip() throws InterruptedException {
        if (!isFreeInTime()) {
            return NOT_DONE;
        }
        Members.Caller rider = members.next();
        Api.Answer called = api.call(rider, home, new Place(home.lat() + 0.03, home.lng(), "3 km north"));
        if (called.status() != 201) {
            return called.status();
        }
        String callId = called.text("callId");
        Optional<TripWatch> watching = TripWatch.open(api, callId, rider, PATIENCE);
        if (watching.isEmpty()) {
            return NOT_DONE;
        }
        boolean done;
        riding = true;
        try (TripWatch watch = watching.get()) {
            done = await(() -> offered(callId))
                    && accepted(callId) && watch.await("ASSIGNED", PATIENCE)
                    && send(EventType.DRIVER_PASSENGER_BOARDED, callId, new PassengerBoarded(callId, taxiId))
                    && watch.await("STARTED", PATIENCE)
                    && send(EventType.DRIVER_PASSENGER_ALIGHTED, callId, new PassengerAlighted(callId, taxiId, 3_300, 540))
                    && watch.await("COMPLETED", PATIENCE);
        } finally {
            riding = false;
        }
        return done ? 200 : NOT_DONE;
    }

    private boolean offered(String callId) {
        Api.Answer offers = api.get("/drivers/" + taxiId + "/offers", token);
        return offers.status() == 200 && StreamSupport.stream(offers.body().spliterator(), false)
                .anyMatch(offer -> callId.equals(offer.path("callId").asText()));
    }

    private boolean accepted(String callId) {
        return send(EventType.DRIVER_CALL_ACCEPTED, callId, new CallAccepted(callId, taxiId));
    }

    /** The taxi is known to dispatch and not busy with an earlier trip (freed once that trip ended). */
    private boolean isFreeInTime() {
        return await(() -> mongo.exists(query(where("_id").is(taxiId).and("busyWith").is(null)), "taxis"));
    }

    private boolean send(EventType type, String callId, Record data) {
        return post(type, callId, data) == 202;
    }

    private int post(EventType type, String callId, Record data) {
        CloudEvent event = EventFactory.fromProducer(URI.create("/drivers/" + taxiId), type, callId, data);
        return api.post("/events", event, token).status();
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
