package io.anycalltaxi.core.card;

/**
 * The card processor (a payment gateway): it keeps card numbers so that we never do.
 * register-member tokenises cards, payment charges tokens.
 */
public interface CardProcessor {

    /** @throws CardRejected if the processor will not accept the card */
    CardToken tokenize(CardDetails card);

    /** @throws ProcessorUnavailable if the processor cannot be reached or answers with an error */
    ChargeResult charge(ChargeRequest request);
}
