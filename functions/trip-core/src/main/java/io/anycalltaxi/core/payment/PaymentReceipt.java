package io.anycalltaxi.core.payment;

/** payment's answer: the charge was approved (with its paymentId) or declined (with a reason). */
public record PaymentReceipt(String paymentId, Status status, long amount, String currency, String cardLast4,
        String declineReason) {

    public enum Status { APPROVED, DECLINED }

    public boolean approved() {
        return status == Status.APPROVED;
    }
}
