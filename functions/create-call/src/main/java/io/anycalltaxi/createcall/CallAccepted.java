package io.anycalltaxi.createcall;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;

/** The answer to a call: its id, where it stands, and what it will about cost. */
public record CallAccepted(String callId, TripStatus status, Money fareEstimate) {

    static CallAccepted of(Trip trip) {
        return new CallAccepted(trip.callId(), trip.status(), trip.fareEstimate());
    }
}
