package io.anycalltaxi.local.testing;

import static io.anycalltaxi.local.testing.Views.awaitStatus;
import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;

import io.anycalltaxi.core.events.Place;

/**
 * The usual opening of a test: a new member calls a taxi at a place of its own, where one driver
 * stands by, and dispatch has offered the call.
 */
public record Ride(Rider rider, Driver driver, String callId, Place pickup) {

    public static Ride offered(Api api, String taxiNumber, String driverName) {
        Rider rider = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        Driver driver = new Driver(taxiNumber, driverName);
        driver.standBy(pickup);
        String callId = rider.call(pickup, Rider.near(pickup, 5_000));
        awaitView(callId, hasInTimeline("call.offered"));
        return new Ride(rider, driver, callId, pickup);
    }

    /** The driver accepted and got the call. */
    public Ride assigned() {
        driver.accept(callId);
        awaitStatus(callId, "ASSIGNED");
        return this;
    }
}
