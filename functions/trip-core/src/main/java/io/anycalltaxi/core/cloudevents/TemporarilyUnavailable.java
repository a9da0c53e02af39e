package io.anycalltaxi.core.cloudevents;

/** A dependency (the broker, a payment service) cannot be reached now: retry later (HTTP 503). */
public class TemporarilyUnavailable extends RuntimeException {

    public TemporarilyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public TemporarilyUnavailable(String message) {
        super(message);
    }
}
