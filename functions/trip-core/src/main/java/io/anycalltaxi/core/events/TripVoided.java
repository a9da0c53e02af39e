package io.anycalltaxi.core.events;

/** An operator voided a ride that never ended: nothing is charged and the taxi is free. */
public record TripVoided(String callId, String taxiId, String reason) implements TripData {
}
