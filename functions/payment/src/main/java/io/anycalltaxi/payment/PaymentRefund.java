package io.anycalltaxi.payment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.anycalltaxi.core.payment.RefundReceipt;
import io.anycalltaxi.core.payment.RefundRequest;

/** One refund per idempotency key, with the answer it got. */
@Document("payment_refunds")
record PaymentRefund(@Id String idempotencyKey, String paymentId, RefundRequest request, RefundReceipt receipt) {
}
