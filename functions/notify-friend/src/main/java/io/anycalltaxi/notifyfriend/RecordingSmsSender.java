package io.anycalltaxi.notifyfriend;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The SMS "provider" for running without one: it records each message, for the local operator
 * ({@code GET /messages?callId=}) and for tests.
 */
public class RecordingSmsSender implements SmsSender {

    private final MongoOperations mongo;
    private final Clock clock;

    public RecordingSmsSender(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void send(Sms sms) {
        mongo.save(new RecordedSms(sms.dedupKey(), sms.callId(), sms.memberId(), sms.to().e164(), sms.kind(),
                sms.text(), clock.instant()));
    }

    /** What was sent about this call ({@code field} callId) or to this member (memberId). */
    List<RecordedSms> sent(String field, String value) {
        return mongo.find(query(where(field).is(value)).with(Sort.by("sentAt")), RecordedSms.class);
    }

    @Document("recorded_sms")
    record RecordedSms(@Id String dedupKey, String callId, String memberId, String to, String kind, String text,
            Instant sentAt) {
    }
}
