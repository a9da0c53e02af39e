package io.anycalltaxi.core.events;

/** Data of an event about one call. */
public interface TripData {

    String callId();
}
