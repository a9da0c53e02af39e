package io.anycalltaxi.core.payment;

/** payment's answer to a refund: done, or refused with the processor's reason. */
public record RefundReceipt(String paymentId, boolean refunded, long amount, String currency, String reason) {
}
