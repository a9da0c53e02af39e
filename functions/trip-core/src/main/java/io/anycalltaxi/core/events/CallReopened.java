package io.anycalltaxi.core.events;

/**
 * The assigned taxi left the call before boarding (its driver gave it back, or went silent): the
 * call waits for a taxi again, and that taxi is not offered it.
 *
 * @param reason {@code given-back: <the driver's reason>} or {@code taxi-silent}
 */
public record CallReopened(String callId, String taxiId, String reason) implements TripData {
}
