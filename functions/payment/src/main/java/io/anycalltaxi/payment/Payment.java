package io.anycalltaxi.payment;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;

/**
 * One charge per idempotency key. It is written PENDING before the card processor is asked, so
 * a concurrent request with the same key can see that it is in progress.
 */
@Document("payments")
record Payment(
        @Id String idempotencyKey,
        PaymentRequest request,
        State state,
        PaymentReceipt receipt,
        Instant createdAt) {

    enum State { PENDING, DONE }

    static Payment pending(String idempotencyKey, PaymentRequest request, Instant at) {
        return new Payment(idempotencyKey, request, State.PENDING, null, at);
    }

    Payment done(PaymentReceipt result) {
        return new Payment(idempotencyKey, request, State.DONE, result, createdAt);
    }
}
