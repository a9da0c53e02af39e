package io.anycalltaxi.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.ArrivedAtPickup;
import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.CallGivenBack;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.events.PassengerNoShow;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TestIdentity;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * A taxi an operator onboarded, and its driver's app, signed in with the driver's phone: it sends
 * CloudEvents to {@code POST /events} on the gateway, as binary-mode HTTP with its bearer token.
 */
public final class Driver {

    public final String taxiId;
    public final String taxiNumber;
    public final String name;
    public final String phone;
    /** The API as this driver. */
    public final Api api;
    private final String events;
    /** The trace context of each call, from its offer, as a driver's app keeps it. */
    private final Map<String, String> traceOfCall = new ConcurrentHashMap<>();

    public Driver(String taxiNumber, String name) {
        this.taxiId = "taxi-" + UUID.randomUUID();
        this.taxiNumber = taxiNumber;
        this.name = name;
        this.phone = Rider.freshPhone();
        Api.Response onboarded = Api.operator().post("/taxis", Map.of("taxiId", taxiId, "taxiNumber", taxiNumber,
                "driverName", name, "phone", phone));
        assertThat(onboarded.status()).as(onboarded.body().toString()).isEqualTo(201);
        this.api = Api.gateway().as(SignIn.accessToken(phone));
        this.events = SharedStack.stack().gateway() + "/events";
    }

    /** Reports the taxi free at this place, and waits until dispatch knows it is there. */
    public void standBy(Place place) {
        CloudEvent report = reportAt(place, true);
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            MongoCollection<Document> taxis = mongo.getDatabase("anycalltaxi").getCollection("taxis");
            Date reported = Date.from(report.getTime().toInstant().truncatedTo(ChronoUnit.MILLIS));
            await().atMost(Duration.ofSeconds(30)).until(() -> taxis.find(new Document("_id", taxiId)
                    .append("reportedAt", new Document("$gte", reported))).first() != null);
        }
    }

    /**
     * Drives {@code meters} north of {@code from}, reporting its position on the way (the track
     * the ride is measured on), and waits until dispatch has kept the last report.
     */
    public void drive(Place from, double meters) {
        CloudEvent last = null;
        for (int step = 0; step <= 3; step++) {
            last = reportAt(Rider.near(from, meters * step / 3), false);
        }
        Date reported = Date.from(last.getTime().toInstant().truncatedTo(ChronoUnit.MILLIS));
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            MongoCollection<Document> taxis = mongo.getDatabase("anycalltaxi").getCollection("taxis");
            await().atMost(Duration.ofSeconds(30)).until(() -> taxis.find(new Document("_id", taxiId)
                    .append("track.at", new Document("$gte", reported))).first() != null);
        }
    }

    public CloudEvent arrive(String callId) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_ARRIVED, taxiId, callId,
                new ArrivedAtPickup(callId, taxiId)));
    }

    public CloudEvent giveBack(String callId, String reason) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_CALL_CANCELLED, taxiId, callId,
                new CallGivenBack(callId, taxiId, reason)));
    }

    public CloudEvent noShow(String callId) {
        return CloudEventClient.fromDriver(EventType.DRIVER_PASSENGER_NOSHOW, taxiId, callId,
                new PassengerNoShow(callId, taxiId));
    }

    public CloudEvent reportAt(Place place, boolean available) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_LOCATION_REPORTED, taxiId, null,
                new LocationReported(taxiId, place.lat(), place.lng(), available)));
    }

    /**
     * As the app does: waits for the call among this taxi's offers, keeps its trace context, and
     * accepts it; this driver's later events about the call continue the call's trace.
     */
    public CloudEvent acceptOffered(String callId) {
        Api.Response offer = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/drivers/" + taxiId + "/offers"),
                offers -> offers.status() == 200 && offers.body().toString().contains(callId));
        for (JsonNode each : offer.body()) {
            if (each.path("callId").asText().equals(callId) && each.hasNonNull("traceparent")) {
                traceOfCall.put(callId, each.get("traceparent").asText());
            }
        }
        return accept(callId);
    }

    public CloudEvent accept(String callId) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_CALL_ACCEPTED, taxiId, callId,
                new CallAccepted(callId, taxiId)));
    }

    public CloudEvent board(String callId) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_PASSENGER_BOARDED, taxiId, callId,
                new PassengerBoarded(callId, taxiId)));
    }

    public CloudEvent alight(String callId, long distanceMeters, long durationSeconds) {
        return send(CloudEventClient.fromDriver(EventType.DRIVER_PASSENGER_ALIGHTED, taxiId, callId,
                new PassengerAlighted(callId, taxiId, distanceMeters, durationSeconds)));
    }

    /** Sends it (again, for a redelivery) and expects the broker to have stored it. */
    public CloudEvent send(CloudEvent event) {
        String trace = event.getSubject() == null ? null : traceOfCall.get(event.getSubject());
        if (trace != null && event.getExtension(EventFactory.TRACEPARENT) == null) {
            event = CloudEventBuilder.from(event).withExtension(EventFactory.TRACEPARENT, trace).build();
        }
        HttpResponse<byte[]> stored = post(event);
        assertThat(stored.statusCode()).as(new String(stored.body())).isEqualTo(202);
        return event;
    }

    /** Sends it with this driver's token, whatever the answer. */
    public HttpResponse<byte[]> post(CloudEvent event) {
        return CloudEventClient.postBinary(events, event, TestIdentity.bearer(api.token()));
    }
}
