package io.anycalltaxi.core.events;

/** The customer did not come to the taxi waiting at the pickup; the no-show fee is charged. */
public record CallNoShow(String callId, String taxiId, Money fee) implements TripData {
}
