package io.anycalltaxi.core.payment;

/**
 * payment's answer: the charge was approved (with its paymentId), declined (with a reason), or is
 * pending: its outcome is not known yet, and asking again with the same key tells.
 */
public record PaymentReceipt(String paymentId, Status status, long amount, String currency, String cardLast4,
        String declineReason) {

    public enum Status { APPROVED, DECLINED, PENDING }

    public boolean approved() {
        return status == Status.APPROVED;
    }
}
