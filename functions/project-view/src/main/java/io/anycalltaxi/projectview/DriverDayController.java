package io.anycalltaxi.projectview;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.fare.Tariff;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.trip.TripStatus;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** {@code GET /drivers/{taxiId}/trips/today}, for that taxi's driver: the rides ended today (the tariff's day) and what they earned. */
@RestController
class DriverDayController {

    private static final int MAX_TRIPS = 200;

    private final TripViews views;
    private final Clock clock;
    private final Tariff tariff;

    DriverDayController(TripViews views, Clock clock, Tariff tariff) {
        this.views = views;
        this.clock = clock;
        this.tariff = tariff;
    }

    record EndedRide(String callId, TripStatus status, Place pickup, Place dropoff, Money fare, Instant endedAt) {
    }

    /** @param earnings the fares of the rides paid, null before the first */
    record DriverDay(String taxiId, LocalDate day, List<EndedRide> trips, Money earnings) {
    }

    @SecurityRequirement(name = "people", scopes = { "driver" })
    @GetMapping("/drivers/{taxiId}/trips/today")
    DriverDay today(@PathVariable String taxiId) {
        Callers.driver(taxiId);
        LocalDate day = LocalDate.now(clock.withZone(tariff.zone()));
        List<EndedRide> rides = views.endedOfTaxiSince(taxiId, day.atStartOfDay(tariff.zone()).toInstant(), MAX_TRIPS).stream()
                .map(view -> new EndedRide(view.callId(), view.status(), view.pickup(), view.dropoff(), view.fare(),
                        view.updatedAt()))
                .toList();
        return new DriverDay(taxiId, day, rides, Earnings.of(rides.stream()
                .filter(ride -> ride.status() == TripStatus.COMPLETED).map(EndedRide::fare).toList()));
    }
}
