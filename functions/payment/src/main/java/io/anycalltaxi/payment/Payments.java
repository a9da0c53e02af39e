package io.anycalltaxi.payment;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.annotation.PostConstruct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
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
import io.anycalltaxi.core.store.Claims;
import io.anycalltaxi.core.store.Claims.Claim;
import io.anycalltaxi.core.store.Claims.Standing;
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

    private static final Claims.Kind<Payment> CHARGE = new Claims.Kind<>(Payment.class, "askedAt", Payment::askedAt);

    private final MongoOperations mongo;
    private final CardProcessor processor;
    private final Claims claims;

    Payments(MongoOperations mongo, CardProcessor processor, Claims claims) {
        this.mongo = mongo;
        this.processor = processor;
        this.claims = claims;
    }

    /** For a refund, which names the charge by the processor's payment id. */
    @PostConstruct
    void indexes() {
        mongo.indexOps(Payment.class).ensureIndex(new Index().on("receipt.paymentId", Sort.Direction.ASC));
    }

    /** @return the receipt, and whether this request charged (false: an earlier one did) */
    Outcome charge(String idempotencyKey, PaymentRequest request) {
        Claim<Payment> claim = claims.claim(CHARGE, idempotencyKey, Payment.pending(idempotencyKey, request, claims.now()),
                earlier -> standing(earlier, idempotencyKey, request), Update.update("state", Payment.State.PENDING));
        if (claim instanceof Claim.Stands<Payment> stands) {
            if (stands.standing() == Standing.SETTLED) {
                return new Outcome(stands.existing().receipt(), false);
            }
            throw new RequestRefused(HttpStatus.CONFLICT, "Payment in progress",
                    "payment " + idempotencyKey + " is in progress; retry shortly");
        }
        if (claim instanceof Claim.Won<Payment> won && won.previous() != null) {
            log.info("payment {} has no known outcome ({}): asking the processor again with the same key",
                    idempotencyKey, won.previous().state());
        }
        return new Outcome(ask(idempotencyKey, request), true);
    }

    /** A charge asked but unanswered (UNKNOWN) or left PENDING by a crash is asked again with its key. */
    private Standing standing(Payment earlier, String idempotencyKey, PaymentRequest request) {
        if (!earlier.request().equals(request)) {
            throw new RequestRefused(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                    "Idempotency-Key " + idempotencyKey + " was used for a different payment");
        }
        return switch (earlier.state()) {
            case DONE -> Standing.SETTLED;
            case UNKNOWN -> Standing.LAPSED;
            case PENDING -> claims.isStale(earlier.askedAt()) ? Standing.LAPSED : Standing.HOLDS;
        };
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
