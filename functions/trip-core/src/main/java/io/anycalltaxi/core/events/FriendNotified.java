package io.anycalltaxi.core.events;

/** An SMS went out about a trip; {@code kind} says which message, the phone number is masked. */
public record FriendNotified(String callId, String phoneMasked, String kind) implements TripData {
}
