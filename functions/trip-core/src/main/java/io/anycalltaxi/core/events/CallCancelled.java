package io.anycalltaxi.core.events;

public record CallCancelled(String callId, String reason) implements TripData {
}
