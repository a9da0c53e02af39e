package io.anycalltaxi.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.payment.RefundReceipt;
import io.anycalltaxi.core.payment.RefundRequest;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.validation.Valid;

/**
 * {@code POST /payments}: internal, called by end-trip-pay only. 201 when this request charged,
 * 200 with the first answer when the key was seen before, 202 while the outcome is not known (ask
 * again with the same key). {@code POST /payments/{id}/refunds} gives (part of) a charge back.
 */
@RestController
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @PostMapping("/payments")
    ResponseEntity<PaymentReceipt> charge(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody PaymentRequest request) {
        CallContext.ofCall(request.callId());
        requireKey(key);
        Payments.Outcome outcome = payments.charge(key, request);
        HttpStatus status = outcome.receipt().status() == PaymentReceipt.Status.PENDING ? HttpStatus.ACCEPTED
                : outcome.charged() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(outcome.receipt());
    }

    /** 200 with the refund's outcome (done, or refused by the processor); 404 for an unknown payment. */
    @PostMapping("/payments/{paymentId}/refunds")
    RefundReceipt refund(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @PathVariable String paymentId, @Valid @RequestBody RefundRequest request) {
        CallContext.ofCall(request.callId());
        requireKey(key);
        return payments.refund(key, paymentId, request);
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "Idempotency key required",
                    "an Idempotency-Key header of at most 200 characters is required");
        }
    }
}
