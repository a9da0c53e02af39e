package io.anycalltaxi.core.card;

/** The processor gave the money back, or refused to (more than was charged, an unknown charge). */
public record RefundResult(boolean refunded, String reason) {

    public static RefundResult done() {
        return new RefundResult(true, null);
    }

    public static RefundResult refused(String reason) {
        return new RefundResult(false, reason);
    }
}
