package io.anycalltaxi.core.card;

public class ProcessorUnavailable extends RuntimeException {

    public ProcessorUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessorUnavailable(String message) {
        super(message);
    }
}
