package io.anycalltaxi.local.rehearsal;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.ArrivedAtPickup;
import io.anycalltaxi.core.events.CallAccepted;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PassengerAlighted;
import io.anycalltaxi.core.events.PassengerBoarded;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.rehearsal.RehearsalClient.Answer;

/**
 * One of the rehearsal's trips, every step as a person does it through the gateway: a rider signs
 * in with a texted code and signs up with a card and a friend, an operator onboards a taxi whose
 * driver signs in; the rider calls, the driver sees the offer, accepts, arrives, boards, drives
 * and alights; the card is charged, the friend follows the shared link, the rider reviews the
 * trip and reads the insights; the rider calls once more and cancels.
 */
final class RehearsalTrip {

    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/shared/trips/\\S+)");
    private static final AtomicLong PHONES = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000));

    private final RehearsalClient gateway;
    private final URI smsRecorder;
    private final String operatorToken;

    RehearsalTrip(RehearsalClient gateway, URI smsRecorder, String operatorToken) {
        this.gateway = gateway;
        this.smsRecorder = smsRecorder;
        this.operatorToken = operatorToken;
    }

    void run() {
        String riderPhone = freshPhone();
        String signUpToken = signIn(riderPhone);
        Answer member = RehearsalClient.expect(gateway.post("/members", Map.of("name", "Rehearsal Rider",
                "phone", riderPhone, "friendPhone", freshPhone(), "language", "en",
                "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")),
                signUpToken), 201, "sign-up");
        String rider = member.text("access_token");
        String memberId = member.text("memberId");

        String taxiId = "taxi-rehearsal-" + UUID.randomUUID();
        String driverPhone = freshPhone();
        RehearsalClient.expect(gateway.post("/taxis", Map.of("taxiId", taxiId, "taxiNumber",
                String.format("서울00사%04d", ThreadLocalRandom.current().nextInt(10_000)), "driverName", "Rehearsal Driver",
                "phone", driverPhone), operatorToken), 201, "onboarding");
        String driver = signIn(driverPhone);

        Place pickup = new Place(37.45 + ThreadLocalRandom.current().nextDouble(0.15),
                126.85 + ThreadLocalRandom.current().nextDouble(0.25), "Rehearsal pickup");
        Place dropoff = new Place(pickup.lat() + 0.02, pickup.lng(), "Rehearsal dropoff");
        gateway.send(taxiId, driver, EventType.DRIVER_LOCATION_REPORTED, null,
                new LocationReported(taxiId, pickup.lat(), pickup.lng(), true));
        String callId = gateway.await("the taxi known to dispatch and the call taken", () -> gateway.post("/calls",
                Map.of("pickup", pickup, "dropoff", dropoff), rider), called -> called.status() == 201).text("callId");

        gateway.await("the offer", () -> gateway.get("/drivers/" + taxiId + "/offers", driver),
                offers -> offers.status() == 200 && offers.body().toString().contains(callId));
        gateway.send(taxiId, driver, EventType.DRIVER_CALL_ACCEPTED, callId, new CallAccepted(callId, taxiId));
        awaitStatus(callId, rider, "ASSIGNED");
        gateway.get("/drivers/" + taxiId + "/trip", driver);
        gateway.send(taxiId, driver, EventType.DRIVER_ARRIVED, callId, new ArrivedAtPickup(callId, taxiId));
        gateway.send(taxiId, driver, EventType.DRIVER_PASSENGER_BOARDED, callId, new PassengerBoarded(callId, taxiId));
        awaitStatus(callId, rider, "STARTED");
        for (int step = 1; step <= 3; step++) {
            gateway.send(taxiId, driver, EventType.DRIVER_LOCATION_REPORTED, null,
                    new LocationReported(taxiId, pickup.lat() + 0.007 * step, pickup.lng(), false));
        }
        followSharedLink(callId);
        gateway.send(taxiId, driver, EventType.DRIVER_PASSENGER_ALIGHTED, callId,
                new PassengerAlighted(callId, taxiId, 2_300, 420));
        awaitStatus(callId, rider, "COMPLETED");
        gateway.get("/members/" + memberId + "/trips", rider);
        gateway.await("the review taken", () -> gateway.post("/calls/" + callId + "/review",
                Map.of("memberId", memberId, "rating", 5, "comment", "smooth"), rider), reviewed -> reviewed.status() == 201);
        gateway.get("/members/" + memberId + "/insights", rider);

        String again = RehearsalClient.expect(gateway.post("/calls", Map.of("pickup", dropoff, "dropoff", pickup), rider),
                201, "a second call").text("callId");
        RehearsalClient.expect(gateway.post("/calls/" + again + "/cancel", Map.of(), rider), 200, "the cancel");
        gateway.get("/operations/trips?status=STARTED", operatorToken);
    }

    private void awaitStatus(String callId, String rider, String status) {
        gateway.await(callId + " " + status, () -> gateway.get("/trips/" + callId, rider),
                view -> view.status() == 200 && status.equals(view.text("status")));
    }

    /** A code by text, then the tokens for it. */
    private String signIn(String phone) {
        RehearsalClient.expect(gateway.post("/auth/codes", Map.of("phone", phone), null), 202, "a sign-in code");
        String text = gateway.await("the code's text", () -> gateway.get(smsRecorder, "/messages?phone=" + phone, null),
                texts -> CODE.matcher(texts.body().toString()).find()).body().toString();
        Matcher code = CODE.matcher(text);
        code.find();
        return RehearsalClient.expect(gateway.post("/auth/tokens", Map.of("phone", phone, "code", code.group(1)), null),
                200, "the tokens").text("access_token");
    }

    private void followSharedLink(String callId) {
        JsonNode texts = gateway.await("the friend's text", () -> gateway.get(smsRecorder, "/messages?callId=" + callId, null),
                answer -> LINK.matcher(answer.body().toString()).find()).body();
        Matcher link = LINK.matcher(texts.toString());
        link.find();
        URI shared = URI.create(link.group(1).replaceAll("[\"\\\\].*$", ""));
        gateway.get(shared.resolve("/"), shared.getRawPath() + (shared.getRawQuery() == null ? "" : "?" + shared.getRawQuery()), null);
    }

    private static String freshPhone() {
        return String.format("010%08d", PHONES.incrementAndGet() % 100_000_000);
    }
}
