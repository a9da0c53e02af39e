package io.anycalltaxi.local.testing;

import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.local.card.LocalCardProcessor;

/** What the local card processor took, and the trips' charge attempts, as stored. */
public final class Money {

    private Money() {
    }

    public static LocalCardProcessor processor() {
        return SharedStack.stack().function("payment").context().getBean(LocalCardProcessor.class);
    }

    /** The charges the processor approved for this call: exactly one stands for a paid trip. */
    public static List<ChargeRequest> approvedFor(String callId) {
        return processor().approvedCharges().stream().filter(c -> c.idempotencyKey().startsWith(callId + "#")).toList();
    }

    /** The trip's charge attempts, as end-trip-pay reserved and settled them. */
    public static List<Document> attempts(String callId) {
        return stored(callId).map(trip -> trip.getList("charges", Document.class, List.of())).orElse(List.of());
    }

    /** The trip as the store has it: what a test that waited in vain for its view reports. */
    public static Optional<Document> stored(String callId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            return Optional.ofNullable(mongo.getDatabase("anycalltaxi").getCollection("trips")
                    .find(new Document("_id", callId)).first());
        }
    }
}
