package io.anycalltaxi.notifyfriend;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.sms.Sms;
import io.anycalltaxi.core.sms.SmsRejected;
import io.anycalltaxi.core.sms.SmsSender;

/**
 * Sends each message once per (event, recipient) although events are delivered at least once:
 * a delivery is claimed before it is sent and released if sending failed. A concurrent delivery
 * of the same event waits for the claim; a claim abandoned by a crash is taken over.
 */
@Component
public class SmsDeliveries {

    private final MongoOperations mongo;
    private final SmsSender sender;
    private final Clock clock;
    private final Duration claimTimeout;

    public SmsDeliveries(MongoOperations mongo, SmsSender sender, Clock clock,
            @Value("${anycalltaxi.sms.claim-timeout:30s}") Duration claimTimeout) {
        this.mongo = mongo;
        this.sender = sender;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    public enum Outcome { SENT, SENT_BEFORE, REJECTED }

    public Outcome sendOnce(Sms sms) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Delivery(sms.dedupKey(), sms.callId(), sms.memberId(), sms.kind(), State.SENDING, now));
        } catch (DuplicateKeyException seen) {
            Delivery earlier = mongo.findById(sms.dedupKey(), Delivery.class);
            if (earlier != null && earlier.state() != State.SENDING) {
                return earlier.state() == State.SENT ? Outcome.SENT_BEFORE : Outcome.REJECTED;
            }
            boolean abandoned = earlier != null && earlier.claimedAt().isBefore(now.minus(claimTimeout));
            if (!abandoned || mongo.updateFirst(query(where("_id").is(sms.dedupKey())
                    .and("claimedAt").is(earlier.claimedAt())), Update.update("claimedAt", now), Delivery.class)
                    .getModifiedCount() == 0) {
                throw new TemporarilyUnavailable("message " + sms.kind() + " for member " + sms.memberId()
                        + " is being sent by another delivery");
            }
        }
        try {
            sender.send(sms);
        } catch (SmsRejected rejected) {
            finish(sms, State.REJECTED);
            return Outcome.REJECTED;
        } catch (RuntimeException failed) {
            mongo.remove(query(where("_id").is(sms.dedupKey()).and("state").is(State.SENDING)), Delivery.class);
            throw failed;
        }
        finish(sms, State.SENT);
        return Outcome.SENT;
    }

    private void finish(Sms sms, State state) {
        mongo.updateFirst(query(where("_id").is(sms.dedupKey())), Update.update("state", state), Delivery.class);
    }

    enum State { SENDING, SENT, REJECTED }

    @Document("sms_deliveries")
    record Delivery(@Id String dedupKey, String callId, String memberId, String kind, State state, Instant claimedAt) {
    }
}
