package io.anycalltaxi.payment;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.anycalltaxi.core.card.CardProcessor;
import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.core.card.ChargeResult;
import io.anycalltaxi.core.card.ProcessorUnavailable;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.web.RequestRefused;

/**
 * Charges each idempotency key at most once. A repeated request gets the first answer; the same
 * key with a different request is refused; a charge still in progress is 409 (retry shortly). A
 * charge left PENDING by a crash is asked again with the same key, which the processor also
 * deduplicates.
 */
@Service
class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private final MongoOperations mongo;
    private final CardProcessor processor;
    private final Clock clock;
    private final Duration staleAfter;

    Payments(MongoOperations mongo, CardProcessor processor, Clock clock,
            @Value("${anycalltaxi.payment.pending-stale-after:30s}") Duration staleAfter) {
        this.mongo = mongo;
        this.processor = processor;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** @return the receipt, and whether this request charged (false: an earlier one did) */
    Outcome charge(String idempotencyKey, PaymentRequest request) {
        Instant now = clock.instant();
        try {
            mongo.insert(Payment.pending(idempotencyKey, request, now));
        } catch (DuplicateKeyException seenBefore) {
            return repeat(idempotencyKey, request, now);
        }
        return new Outcome(ask(idempotencyKey, request), true);
    }

    private Outcome repeat(String idempotencyKey, PaymentRequest request, Instant now) {
        Payment earlier = mongo.findById(idempotencyKey, Payment.class);
        if (earlier == null) {
            throw new TemporarilyUnavailable("payment " + idempotencyKey + " is being retried");
        }
        if (!earlier.request().equals(request)) {
            throw new RequestRefused(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                    "Idempotency-Key " + idempotencyKey + " was used for a different payment");
        }
        if (earlier.state() == Payment.State.DONE) {
            return new Outcome(earlier.receipt(), false);
        }
        if (earlier.createdAt().isAfter(now.minus(staleAfter))) {
            throw new RequestRefused(HttpStatus.CONFLICT, "Payment in progress",
                    "payment " + idempotencyKey + " is in progress; retry shortly");
        }
        log.warn("payment {} was left pending, asking the processor again with the same key", idempotencyKey);
        return new Outcome(ask(idempotencyKey, request), true);
    }

    private PaymentReceipt ask(String idempotencyKey, PaymentRequest request) {
        ChargeResult result;
        try {
            result = processor.charge(new ChargeRequest(idempotencyKey, request.cardToken(), request.amount(),
                    "AnycallTaxi trip " + request.callId()));
        } catch (ProcessorUnavailable e) {
            mongo.remove(query(where("_id").is(idempotencyKey).and("state").is(Payment.State.PENDING)), Payment.class);
            throw new TemporarilyUnavailable("the card processor is unavailable", e);
        }
        PaymentReceipt receipt = result.approved()
                ? new PaymentReceipt(paymentId(idempotencyKey), PaymentReceipt.Status.APPROVED, request.amount().amount(),
                        request.amount().currency(), request.cardLast4(), null)
                : new PaymentReceipt(null, PaymentReceipt.Status.DECLINED, request.amount().amount(),
                        request.amount().currency(), request.cardLast4(), result.declineReason());
        Payment pending = mongo.findById(idempotencyKey, Payment.class);
        mongo.save(pending.done(receipt));
        log.info("call {}: payment {} {} {} {} on card ending {}", request.callId(), idempotencyKey, receipt.status(),
                receipt.amount(), receipt.currency(), receipt.cardLast4());
        return receipt;
    }

    private static String paymentId(String idempotencyKey) {
        return "pay_" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    record Outcome(PaymentReceipt receipt, boolean charged) {
    }
}
