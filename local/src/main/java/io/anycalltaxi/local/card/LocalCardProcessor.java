package io.anycalltaxi.local.card;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

import io.anycalltaxi.core.card.CardBrand;
import io.anycalltaxi.core.card.CardDetails;
import io.anycalltaxi.core.card.CardProcessor;
import io.anycalltaxi.core.card.CardRefund;
import io.anycalltaxi.core.card.CardToken;
import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.core.card.ChargeResult;
import io.anycalltaxi.core.card.ProcessorUnavailable;
import io.anycalltaxi.core.card.RefundResult;
import io.anycalltaxi.core.events.Money;

/**
 * The card processor of the local runtime, which gives it to register-member and payment in place
 * of the payment gateway's HTTP adapter (the functions' default): tokens carry the brand and last four digits, so any
 * function can charge them. It approves every charge except on the test cards ending in
 * {@link #DECLINES}' keys (as Stripe's test cards do). Like a real processor it remembers every
 * idempotency key durably (in its own collection) and answers a repeated key with the first
 * outcome, so a restart of payment never charges twice. It can be made slow or unavailable, answer
 * "processing" before it decides, or lose its answers after charging, to see how its callers cope.
 */
public class LocalCardProcessor implements CardProcessor {

    /** Last four digits of the test cards that are declined, with the reason given. */
    public static final Map<String, String> DECLINES = Map.of(
            "0002", "card_declined",
            "9995", "insufficient_funds",
            "0069", "expired_card");

    private final MongoOperations mongo;
    private volatile Simulation simulation = Simulation.NONE;

    /**
     * How it misbehaves; all off by default.
     *
     * @param processingFirst a new charge is answered "processing", and decided when asked again
     * @param loseAnswers     while on, every charge is done (or looked up) but its answer never gets
     *                        back: the asker hears "pending", as from a dropped connection
     */
    public record Simulation(Duration latency, boolean outage, boolean processingFirst, boolean loseAnswers) {
        static final Simulation NONE = new Simulation(Duration.ZERO, false, false, false);
    }

    public LocalCardProcessor(MongoOperations mongo) {
        this.mongo = mongo;
        // a refund finds its charge, and the refunds before it, by the charge's reference
        mongo.indexOps(LocalCharge.class).ensureIndex(new Index().on("result.reference", Sort.Direction.ASC));
        mongo.indexOps(LocalRefund.class).ensureIndex(new Index().on("chargeReference", Sort.Direction.ASC));
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        String brand = CardBrand.of(card.number());
        String token = "tok_local_" + brand + "_" + card.last4() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new CardToken(token, brand, card.last4());
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        Simulation now = pause();
        if (now.outage()) {
            throw new ProcessorUnavailable("the local card processor simulates an outage");
        }
        LocalCharge known = mongo.findById(request.idempotencyKey(), LocalCharge.class);
        if (known == null) {
            ChargeResult first = now.processingFirst() ? ChargeResult.pending("processing") : decide(request);
            try {
                mongo.insert(new LocalCharge(request.idempotencyKey(), request.cardToken(), request.amount(), first));
            } catch (DuplicateKeyException concurrent) {
                return mongo.findById(request.idempotencyKey(), LocalCharge.class).result();
            }
            return now.loseAnswers() ? ChargeResult.pending("the answer was lost") : first;
        }
        ChargeResult result = known.result();
        if (result.status() == ChargeResult.Status.PENDING) {
            result = decide(request);
            mongo.updateFirst(query(where("_id").is(known.key())), Update.update("result", result), LocalCharge.class);
        }
        return now.loseAnswers() ? ChargeResult.pending("the answer was lost") : result;
    }

    @Override
    public RefundResult refund(CardRefund request) {
        if (pause().outage()) {
            throw new ProcessorUnavailable("the local card processor simulates an outage");
        }
        LocalRefund known = mongo.findById(request.idempotencyKey(), LocalRefund.class);
        if (known != null) {
            return RefundResult.done();
        }
        LocalCharge charge = mongo.findOne(query(where("result.reference").is(request.chargeReference())),
                LocalCharge.class);
        if (charge == null || !charge.result().approved()) {
            return RefundResult.refused("unknown_charge");
        }
        if (refundedOn(request.chargeReference()) + request.amount().amount() > charge.amount().amount()) {
            return RefundResult.refused("amount_exceeds_charge");
        }
        try {
            mongo.insert(new LocalRefund(request.idempotencyKey(), request.chargeReference(), request.amount()));
        } catch (DuplicateKeyException concurrent) {
            // the same refund, asked twice at once: done once
        }
        return RefundResult.done();
    }

    public void simulate(Simulation misbehaviour) {
        this.simulation = misbehaviour;
    }

    /** Every charge it approved, once per idempotency key. */
    public List<ChargeRequest> approvedCharges() {
        return mongo.find(query(where("result.status").is(ChargeResult.Status.APPROVED)), LocalCharge.class).stream()
                .map(c -> new ChargeRequest(c.key(), c.cardToken(), c.amount(), null)).toList();
    }

    /** What it gave back on the charges with this reference, in total. */
    public long refundedOn(String chargeReference) {
        return mongo.find(query(where("chargeReference").is(chargeReference)), LocalRefund.class).stream()
                .mapToLong(r -> r.amount().amount()).sum();
    }

    private static ChargeResult decide(ChargeRequest request) {
        String[] parts = request.cardToken().split("_");
        if (parts.length < 5 || !request.cardToken().startsWith("tok_local_")) {
            return ChargeResult.declined("unknown_card");
        }
        String decline = DECLINES.get(parts[3]);
        if (decline != null) {
            return ChargeResult.declined(decline);
        }
        return ChargeResult.approved("ch_local_"
                + UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8)));
    }

    private Simulation pause() {
        Simulation now = simulation;
        if (!now.latency().isZero()) {
            try {
                Thread.sleep(now.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return now;
    }

    @Document("local_card_processor_charges")
    record LocalCharge(@Id String key, String cardToken, Money amount, ChargeResult result) {
    }

    @Document("local_card_processor_refunds")
    record LocalRefund(@Id String key, String chargeReference, Money amount) {
    }
}
