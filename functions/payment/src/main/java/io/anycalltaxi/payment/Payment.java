package io.anycalltaxi.payment;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;

/**
 * One charge per idempotency key. It is written PENDING before the card processor is asked, so
 * a concurrent request with the same key can see that it is in progress; UNKNOWN when the processor
 * has not said yet (or its answer was lost), to be asked again by the same key.
 *
 * @param reference the processor's reference of an approved charge, which refunds name
 * @param askedAt   when the processor was last asked for this charge: the claim's time
 */
@Document("payments")
record Payment(
        @Id String idempotencyKey,
        PaymentRequest request,
        State state,
        PaymentReceipt receipt,
        String reference,
        Instant askedAt) {

    enum State { PENDING, UNKNOWN, DONE }

    static Payment pending(String idempotencyKey, PaymentRequest request, Instant at) {
        return new Payment(idempotencyKey, request, State.PENDING, null, null, at);
    }

    Payment answered(State outcome, PaymentReceipt result, String processorReference) {
        return new Payment(idempotencyKey, request, outcome, result, processorReference, askedAt);
    }
}
