package io.anycalltaxi.core.card;

/**
 * The processor's answer: approved with its reference, declined with a reason, or pending: the
 * processor is still at it ("processing", "requires action") or its answer was lost (a timeout, a
 * 5xx). A pending charge may yet go through; it is asked again by the same idempotency key, never
 * taken for a decline.
 */
public record ChargeResult(Status status, String reference, String declineReason) {

    public enum Status { APPROVED, DECLINED, PENDING }

    public static ChargeResult approved(String reference) {
        return new ChargeResult(Status.APPROVED, reference, null);
    }

    public static ChargeResult declined(String reason) {
        return new ChargeResult(Status.DECLINED, null, reason);
    }

    public static ChargeResult pending(String why) {
        return new ChargeResult(Status.PENDING, null, why);
    }

    public boolean approved() {
        return status == Status.APPROVED;
    }
}
