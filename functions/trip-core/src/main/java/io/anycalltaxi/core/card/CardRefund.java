package io.anycalltaxi.core.card;

import io.anycalltaxi.core.events.Money;

/**
 * @param idempotencyKey the processor refunds a key at most once
 * @param chargeReference the processor's reference of the approved charge
 */
public record CardRefund(String idempotencyKey, String chargeReference, Money amount) {
}
