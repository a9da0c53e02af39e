package io.anycalltaxi.core.events;

/** The member replaced the card on file: a trip waiting in PAYMENT_FAILED can be charged again. */
public record MemberCardUpdated(String memberId, String cardBrand, String cardLast4) {
}
