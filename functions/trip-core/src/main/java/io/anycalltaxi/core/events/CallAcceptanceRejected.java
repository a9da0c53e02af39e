package io.anycalltaxi.core.events;

public record CallAcceptanceRejected(String callId, String taxiId, String reason) implements TripData {
}
