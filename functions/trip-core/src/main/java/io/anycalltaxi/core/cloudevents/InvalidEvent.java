package io.anycalltaxi.core.cloudevents;

/** The event is malformed or not meant for this function: retrying cannot help (HTTP 400). */
public class InvalidEvent extends RuntimeException {

    public InvalidEvent(String message) {
        super(message);
    }

    public InvalidEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
