package io.anycalltaxi.notifyfriend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TextSent;
import io.anycalltaxi.core.events.TripStarted;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.sms.Sms;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.core.testing.TripFixtures;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * notify-friend with its HTTP SMS adapter, against a provider played by a local
 * HTTP server. Sent once per (event, recipient) whatever the provider or the broker does.
 */
@FunctionTest(properties = { "spring.config.name=notify-friend",
        "anycalltaxi.sms.http.account=AC-anycalltaxi", "anycalltaxi.sms.http.secret=s3cret",
        "anycalltaxi.sms.http.sender=+8215880000", "anycalltaxi.sms.http.timeout=500ms" })
class HttpSmsProviderTest {

    private static final ScriptedHttpServer PROVIDER = new ScriptedHttpServer();
    private static final Reply ACCEPTED = Reply.json(202, "{\"id\":\"SM1\"}");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("anycalltaxi.sms.http.url", PROVIDER::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    @Autowired
    MongoOperations mongo;

    private CloudEvent tripStarted(Language language) {
        Member member = TripFixtures.member(mongo, language, "+821011112222", "+821033334444");
        Trip trip = TripFixtures.started(trips, member.memberId());
        return CloudEventClient.event(EventType.TRIP_STARTED, "/functions/start-trip", trip.callId(),
                new TripStarted(trip.callId(), TripFixtures.TAXI_ID, trip.ride().startedAt()));
    }

    private HttpResponse<byte[]> deliver(CloudEvent event) {
        return CloudEventClient.postBinary("http://localhost:" + port + "/", event, TestIdentity.delivery("notify-friend"));
    }

    @Test
    void theFriendIsTextedOnceWithTheTaxiAndTheRoute() throws Exception {
        PROVIDER.script(ACCEPTED);
        CloudEvent started = tripStarted(Language.EN);

        HttpResponse<byte[]> answer = deliver(started);

        assertThat(answer.statusCode()).isEqualTo(200);
        CloudEvent notified = CloudEventClient.reply(answer);
        assertThat(notified.getType()).isEqualTo(EventType.TEXT_SENT.type());
        TextSent data = EventJson.fromBytes(notified.getData().toBytes(),
                TextSent.class);
        assertThat(data.phoneMasked()).isEqualTo("+82******4444");
        assertThat(data.kind()).isEqualTo("trip-started");
        ScriptedHttpServer.Request sent = PROVIDER.requests().get(0);
        assertThat(sent.path()).isEqualTo("/messages");
        assertThat(sent.body()).contains("\"to\":\"+821033334444\"", TripFixtures.TAXI_NUMBER, TripFixtures.DRIVER,
                "Seoul City Hall", "Gangnam Station", "/trips/" + started.getSubject());
        assertThat(sent.header("Idempotency-Key")).as("derived from the event's source and id and the recipient")
                .isEqualTo(Sms.keyFor(EventFactory.identity(started), new PhoneNumber("+821033334444")))
                .doesNotContain("821033334444");
        assertThat(sent.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC-anycalltaxi:s3cret".getBytes(StandardCharsets.UTF_8)));

        CloudEvent again = CloudEventClient.reply(deliver(started));
        assertThat(again.getId()).as("a redelivery answers the same").isEqualTo(notified.getId());
        assertThat(PROVIDER.requests()).as("and is not texted again").hasSize(1);
    }

    @Test
    void aMemberWhoReadsKoreanGetsKorean() {
        PROVIDER.script(ACCEPTED);

        deliver(tripStarted(Language.KO));

        assertThat(PROVIDER.requests().get(0).body()).contains("탑승했습니다");
    }

    @Test
    void aProviderErrorIsRetriedWithTheSameKey() {
        PROVIDER.script(Reply.json(503, "{}"), ACCEPTED);
        CloudEvent started = tripStarted(Language.EN);

        HttpResponse<byte[]> answer = deliver(started);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(PROVIDER.requests()).hasSize(2);
        assertThat(PROVIDER.requests()).extracting(r -> r.header("Idempotency-Key")).hasSize(2).doesNotContainNull()
                .containsOnly(PROVIDER.requests().get(0).header("Idempotency-Key"));
    }

    @Test
    void aRefusedMessageIsNotRetriedNorSentAgainOnRedelivery() {
        PROVIDER.script(Reply.json(400, "{\"error\":\"invalid number\"}"));
        CloudEvent started = tripStarted(Language.EN);

        HttpResponse<byte[]> answer = deliver(started);
        deliver(started);

        assertThat(answer.statusCode()).as("nothing to announce, nothing to retry").isEqualTo(202);
        assertThat(PROVIDER.requests()).hasSize(1);
    }

    @Test
    void aProviderDownMakesTheBrokerComeBackAndTheTextGoesOutOnce() {
        PROVIDER.script(Reply.json(503, "{}"));
        CloudEvent started = tripStarted(Language.EN);

        HttpResponse<byte[]> down = deliver(started);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(PROVIDER.requests()).as("tried three times").hasSize(3);

        PROVIDER.script(ACCEPTED);
        assertThat(deliver(started).statusCode()).isEqualTo(200);
        assertThat(deliver(started).statusCode()).isEqualTo(200);
        assertThat(PROVIDER.requests()).as("sent once after it came back").hasSize(1);
    }

    @Test
    void aSilentProviderTimesOutAndIsRetried() {
        PROVIDER.script(Reply.silence(), ACCEPTED);

        HttpResponse<byte[]> answer = deliver(tripStarted(Language.EN));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(PROVIDER.requests()).hasSize(2);
    }
}
