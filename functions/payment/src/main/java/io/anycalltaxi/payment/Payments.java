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
import io.anycalltaxi.core.card.CardRefund;
import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.core.card.ChargeResult;
import io.anycalltaxi.core.card.ProcessorUnavailable;
import io.anycalltaxi.core.card.RefundResult;
import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.payment.RefundReceipt;
import io.anycalltaxi.core.payment.RefundRequest;
import io.anycalltaxi.core.web.RequestRefused;

/**
 * Charges each idempotency key at most once. A repeated request gets the first answer; the same
 * key with a different request is refused; a charge still in progress is 409 (retry shortly). A
 * charge left PENDING by a crash, or whose outcome the processor has not given (UNKNOWN), is asked
 * again with the same key, which the processor also deduplicates: it is never taken for a decline.
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
        if (earlier.state() == Payment.State.PENDING && earlier.createdAt().isAfter(now.minus(staleAfter))) {
            throw new RequestRefused(HttpStatus.CONFLICT, "Payment in progress",
                    "payment " + idempotencyKey + " is in progress; retry shortly");
        }
        log.info("payment {} has no known outcome ({}): asking the processor again with the same key",
                idempotencyKey, earlier.state());
        return new Outcome(ask(idempotencyKey, request), true);
    }

    private PaymentReceipt ask(String idempotencyKey, PaymentRequest request) {
        ChargeResult result;
        try {
            result = processor.charge(new ChargeRequest(idempotencyKey, request.cardToken(), request.amount(),
                    "AnycallTaxi trip " + request.callId()));
        } catch (ProcessorUnavailable e) {
            // never reached the processor: nothing was charged, and the key may be tried afresh
            mongo.remove(query(where("_id").is(idempotencyKey).and("state").is(Payment.State.PENDING)), Payment.class);
            throw new TemporarilyUnavailable("the card processor is unavailable", e);
        }
        PaymentReceipt receipt = new PaymentReceipt(result.approved() ? paymentId(idempotencyKey) : null,
                switch (result.status()) {
                    case APPROVED -> PaymentReceipt.Status.APPROVED;
                    case DECLINED -> PaymentReceipt.Status.DECLINED;
                    case PENDING -> PaymentReceipt.Status.PENDING;
                }, request.amount().amount(), request.amount().currency(), request.cardLast4(), result.declineReason());
        Payment pending = mongo.findById(idempotencyKey, Payment.class);
        mongo.save(pending.answered(result.status() == ChargeResult.Status.PENDING ? Payment.State.UNKNOWN
                : Payment.State.DONE, receipt, result.reference()));
        log.info("call {}: payment {} {} {} {} on card ending {}", request.callId(), idempotencyKey, receipt.status(),
                receipt.amount(), receipt.currency(), receipt.cardLast4());
        return receipt;
    }

    /**
     * Gives back (part of) an approved payment, at most once per key and never more than was
     * charged (the processor checks that too).
     */
    RefundReceipt refund(String idempotencyKey, String paymentId, RefundRequest request) {
        PaymentRefund earlier = mongo.findById(idempotencyKey, PaymentRefund.class);
        if (earlier != null) {
            if (!earlier.request().equals(request) || !earlier.paymentId().equals(paymentId)) {
                throw new RequestRefused(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                        "Idempotency-Key " + idempotencyKey + " was used for a different refund");
            }
            return earlier.receipt();
        }
        Payment charged = mongo.findOne(query(where("receipt.paymentId").is(paymentId)), Payment.class);
        if (charged == null || charged.state() != Payment.State.DONE || !charged.receipt().approved()
                || !charged.request().callId().equals(request.callId())) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "Unknown payment", "no approved payment " + paymentId
                    + " for call " + request.callId());
        }
        RefundResult result;
        try {
            result = processor.refund(new CardRefund(idempotencyKey, charged.reference(),
                    request.amount()));
        } catch (ProcessorUnavailable e) {
            throw new TemporarilyUnavailable("the card processor is unavailable", e);
        }
        RefundReceipt receipt = new RefundReceipt(paymentId, result.refunded(), request.amount().amount(),
                request.amount().currency(), result.reason());
        try {
            mongo.insert(new PaymentRefund(idempotencyKey, paymentId, request, receipt));
        } catch (DuplicateKeyException concurrent) {
            return mongo.findById(idempotencyKey, PaymentRefund.class).receipt();
        }
        log.info("call {}: refund {} of {} {} on {}: {}", request.callId(), idempotencyKey, receipt.amount(),
                receipt.currency(), paymentId, result.refunded() ? "done" : result.reason());
        return receipt;
    }

    private static String paymentId(String idempotencyKey) {
        return "pay_" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    record Outcome(PaymentReceipt receipt, boolean charged) {
    }
}
