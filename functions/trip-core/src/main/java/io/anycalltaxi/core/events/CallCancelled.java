package io.anycalltaxi.core.events;

/**
 * The customer cancelled the call.
 *
 * @param taxiId the taxi that was assigned to it and is free again, or null if none was
 * @param fee    the cancellation fee to be charged, or null when cancelling was free
 */
public record CallCancelled(String callId, String reason, String taxiId, Money fee) implements TripData {
}
