package io.anycalltaxi.local.testing;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;

/**
 * The usual opening of a test: a member calls a taxi at a place of its own, where one driver
 * stands by, and dispatch has offered the call; then the steps of the trip, each awaited in the view.
 */
public record Ride(Rider rider, Driver driver, String callId, Place pickup) {

    /** A new member's call to a new driver. */
    public static Ride offered(Api api, String taxiNumber, String driverName) {
        return offered(Rider.signUp(api), new Driver(taxiNumber, driverName), 5_000);
    }

    /** This rider's call for a trip of {@code tripMeters}, offered to this driver. */
    public static Ride offered(Rider rider, Driver driver, double tripMeters) {
        Place pickup = Rider.somewhere();
        driver.standBy(pickup);
        String callId = rider.call(pickup, Rider.near(pickup, tripMeters));
        awaitView(callId, hasInTimeline("call.offered"));
        return new Ride(rider, driver, callId, pickup);
    }

    /** The driver accepted and got the call. */
    public Ride assigned() {
        driver.accept(callId);
        awaitStatus(callId, "ASSIGNED");
        return this;
    }

    /** The rider boarded. */
    public Ride started() {
        driver.board(callId);
        awaitStatus(callId, "STARTED");
        return this;
    }

    /**
     * The taxi drove {@code meters}, reporting its track, the rider alighted with the meter
     * reading that, and the card was charged. @return the view, COMPLETED
     */
    public JsonNode completed(long meters, long seconds) {
        driver.drive(pickup, meters);
        driver.alight(callId, meters, seconds);
        return awaitStatus(callId, "COMPLETED");
    }
}
