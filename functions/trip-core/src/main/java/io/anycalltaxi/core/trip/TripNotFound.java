package io.anycalltaxi.core.trip;

public final class TripNotFound extends RuntimeException {

    public TripNotFound(String callId) {
        super("No call " + callId);
    }
}
