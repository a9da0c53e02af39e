package io.anycalltaxi.core.card;

/** The card processor's handle on a card: what we charge, with what we may show the member. */
public record CardToken(String token, String brand, String last4) {
}
