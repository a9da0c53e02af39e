package io.anycalltaxi.core.card;

/** The processor's answer: approved with its reference, or declined with a reason. */
public record ChargeResult(boolean approved, String reference, String declineReason) {

    public static ChargeResult approved(String reference) {
        return new ChargeResult(true, reference, null);
    }

    public static ChargeResult declined(String reason) {
        return new ChargeResult(false, null, reason);
    }
}
