package io.anycalltaxi.core.card;

import io.anycalltaxi.core.events.Money;

/**
 * @param idempotencyKey the processor charges a key at most once and answers repeats with the first result
 */
public record ChargeRequest(String idempotencyKey, String cardToken, Money amount, String description) {
}
