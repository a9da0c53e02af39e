package io.anycalltaxi.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.validation.Valid;

/**
 * {@code POST /payments}: internal, called by end-trip-pay only. 201 when this request charged,
 * 200 with the first answer when the key was seen before.
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
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "Idempotency key required",
                    "an Idempotency-Key header of at most 200 characters is required");
        }
        Payments.Outcome outcome = payments.charge(key, request);
        return ResponseEntity.status(outcome.charged() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.receipt());
    }
}
