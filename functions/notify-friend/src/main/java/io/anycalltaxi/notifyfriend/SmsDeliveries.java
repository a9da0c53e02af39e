package io.anycalltaxi.notifyfriend;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.sms.Sms;
import io.anycalltaxi.core.sms.SmsRejected;
import io.anycalltaxi.core.sms.SmsSender;
import io.anycalltaxi.core.store.Claims;
import io.anycalltaxi.core.store.Claims.Claim;
import io.anycalltaxi.core.store.Claims.Standing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends each message once per (event, recipient) although events are delivered at least once:
 * a delivery is claimed ({@link Claims}) before it is sent and released if sending failed. A
 * concurrent delivery of the same event waits for the claim; a claim abandoned by a crash is taken over.
 * Each attempt is counted: {@code anycalltaxi.texts{outcome=sent|rejected|failed, kind}}, where
 * failed is the provider being unreachable (the event is retried) and rejected is final.
 */
@Component
public class SmsDeliveries {

    private static final Claims.Kind<Delivery> DELIVERY = new Claims.Kind<>(Delivery.class, "claimedAt",
            Delivery::claimedAt);

    private final MongoOperations mongo;
    private final SmsSender sender;
    private final Claims claims;
    private final MeterRegistry meters;

    public SmsDeliveries(MongoOperations mongo, SmsSender sender, Claims claims, MeterRegistry meters) {
        this.meters = meters;
        this.mongo = mongo;
        this.sender = sender;
        this.claims = claims;
    }

    public enum Outcome { SENT, SENT_BEFORE, REJECTED }

    public Outcome sendOnce(Sms sms) {
        Delivery sending = new Delivery(sms.dedupKey(), sms.callId(), sms.memberId(), sms.kind(), State.SENDING,
                claims.now());
        Claim<Delivery> claim = claims.claim(DELIVERY, sms.dedupKey(), sending, earlier -> switch (earlier.state()) {
            case SENT, REJECTED -> Standing.SETTLED;
            case SENDING -> claims.isStale(earlier.claimedAt()) ? Standing.LAPSED : Standing.HOLDS;
        }, new Update());
        if (claim instanceof Claim.Stands<Delivery> stands) {
            if (stands.standing() == Standing.SETTLED) {
                return stands.existing().state() == State.SENT ? Outcome.SENT_BEFORE : Outcome.REJECTED;
            }
            throw new TemporarilyUnavailable("message " + sms.kind() + " for member " + sms.memberId()
                    + " is being sent by another delivery");
        }
        try {
            sender.send(sms);
        } catch (SmsRejected rejected) {
            finish(sms, State.REJECTED);
            count(sms, "rejected");
            return Outcome.REJECTED;
        } catch (RuntimeException failed) {
            mongo.remove(query(where("_id").is(sms.dedupKey()).and("state").is(State.SENDING)), Delivery.class);
            count(sms, "failed");
            throw failed;
        }
        finish(sms, State.SENT);
        count(sms, "sent");
        return Outcome.SENT;
    }

    private void count(Sms sms, String outcome) {
        Counter.builder("anycalltaxi.texts").description("Texts to members and their friends, by outcome and kind")
                .tag("outcome", outcome).tag("kind", sms.kind()).register(meters).increment();
    }

    private void finish(Sms sms, State state) {
        mongo.updateFirst(query(where("_id").is(sms.dedupKey())), Update.update("state", state), Delivery.class);
    }

    enum State { SENDING, SENT, REJECTED }

    @Document("sms_deliveries")
    record Delivery(@Id String dedupKey, String callId, String memberId, String kind, State state, Instant claimedAt) {
    }
}
