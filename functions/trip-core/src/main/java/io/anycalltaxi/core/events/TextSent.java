package io.anycalltaxi.core.events;

/**
 * A text went out about a trip, to the friend or to the customer: {@code kind} says which message;
 * the phone number is masked.
 */
public record TextSent(String callId, String phoneMasked, String kind) implements TripData {
}
