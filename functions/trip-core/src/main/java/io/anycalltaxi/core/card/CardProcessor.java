package io.anycalltaxi.core.card;

/**
 * The card processor (a payment gateway): it keeps card numbers so that we never do.
 * register-member tokenises cards, payment charges tokens and refunds charges.
 */
public interface CardProcessor {

    /** @throws CardRejected if the processor will not accept the card */
    CardToken tokenize(CardDetails card);

    /**
     * @throws ProcessorUnavailable only if the request certainly did not reach the processor; an
     *                              answer that may have come after a charge is {@link ChargeResult#pending}
     */
    ChargeResult charge(ChargeRequest request);

    /** @throws ProcessorUnavailable if the processor cannot be reached (asking again by key is safe) */
    RefundResult refund(CardRefund request);
}
