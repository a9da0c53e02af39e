package io.anycalltaxi.assigntaxi.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.CallOffered;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/** Drives assign-taxi over HTTP with CloudEvents, as the broker would, around calls create-call would store. */
final class DispatchFixture {

    private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(50_000_000));
    private static final String[] AS_BROKER = TestIdentity.delivery("assign-taxi");

    private final String url;
    private final Trips trips;
    private final Set<String> onboarded = ConcurrentHashMap.newKeySet();

    DispatchFixture(int port, Trips trips) {
        this.url = "http://localhost:" + port + "/";
        this.trips = trips;
    }

    /** An operator puts the taxi in the fleet (once), as {@code POST /taxis} does. */
    void onboard(String taxiId) {
        if (onboarded.add(taxiId)) {
            String body = "{\"taxiId\":\"" + taxiId + "\",\"taxiNumber\":\"서울" + taxiId.substring(taxiId.length() - 6)
                    + "\",\"driverName\":\"Driver " + taxiId.substring(taxiId.length() - 4) + "\",\"phone\":\"+8210"
                    + String.format("%08d", PHONES.incrementAndGet() % 100_000_000) + "\"}";
            String[] operator = TestIdentity.bearer(TestIdentity.operator());
            assertThat(CloudEventClient.postRaw(url + "taxis", "application/json", body, operator).statusCode())
                    .isEqualTo(201);
        }
    }

    void report(String taxiId, Place at, boolean available, Instant when) {
        onboard(taxiId);
        CloudEvent report = CloudEventBuilder.v1(CloudEventClient.fromDriver(EventType.DRIVER_LOCATION_REPORTED, taxiId,
                null, new LocationReported(taxiId, at.lat(), at.lng(), available)))
                .withTime(when.atOffset(ZoneOffset.UTC)).build();
        assertThat(CloudEventClient.postBinary(url, report, AS_BROKER).statusCode()).isEqualTo(202);
    }

    /** Stores a new call, as create-call does, and has it offered: the taxis it was offered to. */
    List<String> call(String callId, Place pickup) {
        CallRequested requested = new CallRequested(callId, "member-" + callId, pickup, Places.north(pickup, 5_000),
                Money.won(10_000));
        trips.createAndQueue(Trip.request(callId, requested.memberId(), pickup, requested.dropoff(),
                requested.fareEstimate(), new Cause("call-" + callId, URI.create("/functions/create-call"), Instant.now())));
        CloudEvent event = CloudEventClient.event(EventType.CALL_REQUESTED, "/functions/create-call", callId, requested);
        HttpResponse<byte[]> answer = CloudEventClient.postBinary(url, event, AS_BROKER);
        assertThat(answer.statusCode()).isEqualTo(200);
        CloudEvent offered = CloudEventClient.reply(answer);
        assertThat(offered.getType()).isEqualTo(EventType.CALL_OFFERED.type());
        return data(offered, CallOffered.class).taxiIds();
    }

    /** The reply to an acceptance: taxi.assigned or call.acceptance.rejected. */
    CloudEvent accept(String callId, String taxiId) {
        HttpResponse<byte[]> answer = CloudEventClient.postBinary(url, CloudEventClient.fromDriver(
                EventType.DRIVER_CALL_ACCEPTED, taxiId, callId, new CallAccepted(callId, taxiId)), AS_BROKER);
        assertThat(answer.statusCode()).isEqualTo(200);
        return CloudEventClient.reply(answer);
    }

    static <T> T data(CloudEvent event, Class<T> type) {
        try {
            return EventJson.fromBytes(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

}
