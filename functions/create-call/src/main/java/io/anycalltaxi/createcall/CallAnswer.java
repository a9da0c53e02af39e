package io.anycalltaxi.createcall;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.trip.Discount;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * The answer to a call: its id, where it stands, what it will about cost, and the promotion it
 * took (the estimate is already discounted).
 */
public record CallAnswer(String callId, TripStatus status, Money fareEstimate, Discount discount) {

    static CallAnswer of(Trip trip) {
        return new CallAnswer(trip.callId(), trip.status(), trip.fareEstimate(), trip.discount());
    }
}
