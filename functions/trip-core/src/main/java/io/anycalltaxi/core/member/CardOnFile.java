package io.anycalltaxi.core.member;

/** What we keep of a member's card: the processor's token, never its number or CVC. */
public record CardOnFile(String token, String brand, String last4, int expMonth, int expYear) {
}
