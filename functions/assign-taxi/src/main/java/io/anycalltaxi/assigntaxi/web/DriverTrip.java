package io.anycalltaxi.assigntaxi.web;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripNotFound;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * {@code GET /drivers/{taxiId}/trip}, for that taxi's driver: the call it is on (on its way, at
 * the pickup, or riding), or 404 when it is free. A call it left, or that was cancelled, is not
 * its trip any more: that is how its app learns.
 */
@RestController
class DriverTrip {

    private final Fleet fleet;
    private final Trips trips;

    DriverTrip(Fleet fleet, Trips trips) {
        this.fleet = fleet;
        this.trips = trips;
    }

    /** @param arrivedAt when the taxi said it was at the pickup: the no-show wait runs from then */
    record CurrentTrip(String callId, TripStatus status, Place pickup, Place dropoff, Money fareEstimate,
            Instant assignedAt, Instant arrivedAt, Instant startedAt) {
    }

    @SecurityRequirement(name = "people", scopes = { "driver" })
    @GetMapping("/drivers/{taxiId}/trip")
    CurrentTrip current(@PathVariable String taxiId) {
        Callers.driver(taxiId);
        Trip trip = fleet.busyWith(taxiId).flatMap(trips::find)
                .filter(t -> t.hasOnIt(taxiId))
                .orElseThrow(() -> new TripNotFound("of taxi " + taxiId));
        return new CurrentTrip(trip.callId(), trip.status(), trip.pickup(), trip.dropoff(), trip.fareEstimate(),
                trip.taxi().assignedAt(), trip.taxi().arrivedAt(), trip.ride() == null ? null : trip.ride().startedAt());
    }
}
