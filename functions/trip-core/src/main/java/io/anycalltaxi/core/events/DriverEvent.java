package io.anycalltaxi.core.events;

/** An event a driver's app sends; its CloudEvent source must be {@code /drivers/<taxiId>}. */
public interface DriverEvent {

    String taxiId();
}
