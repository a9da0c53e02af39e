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
        mongo.save(new RecordedSms(sms.dedupKey(), sms.callId(), sms.to().e164(), sms.kind(), sms.text(),
                clock.instant()));
    }

    List<RecordedSms> sentFor(String callId) {
        return mongo.find(query(where("callId").is(callId)).with(Sort.by("sentAt")), RecordedSms.class);
    }

    @Document("recorded_sms")
    record RecordedSms(@Id String dedupKey, String callId, String to, String kind, String text, Instant sentAt) {
    }
}
