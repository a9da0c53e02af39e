package io.anycalltaxi.core.events;

public record CallWaiting(String callId, long waitingSeconds, int reminderCount) implements TripData {
}
