package io.anycalltaxi.assigntaxi.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.assigntaxi.store.Taxi;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.geo.Distance;
import io.anycalltaxi.core.security.Callers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** F2: {@code GET /drivers/{taxiId}/offers}, for that taxi's driver: the open calls offered to it, nearest pickup first. */
@RestController
class DriverOffers {

    private final Dispatches dispatches;
    private final Fleet fleet;

    DriverOffers(Dispatches dispatches, Fleet fleet) {
        this.dispatches = dispatches;
        this.fleet = fleet;
    }

    @SecurityRequirement(name = "people", scopes = { "driver" })
    @GetMapping("/drivers/{taxiId}/offers")
    List<Offer> offers(@PathVariable String taxiId) {
        Callers.driver(taxiId);
        Taxi taxi = fleet.find(taxiId).orElse(null);
        return dispatches.openOffersFor(taxiId).stream()
                .map(d -> new Offer(d.callId(), d.pickup(), d.dropoff(), taxi == null || !taxi.hasReported() ? null
                        : Math.round(Distance.meters(taxi.lat(), taxi.lng(), d.pickup().lat(), d.pickup().lng())),
                        d.fareEstimate(), taxi == null ? null : taxi.averageRating(), d.traceparent()))
                .sorted(Comparator.comparing(Offer::distanceToPickupMeters,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /**
     * @param driverRating the driver's own average rating, as the customer will see it
     * @param traceparent  the call's trace context: the app sends it as {@code ce-traceparent} on its events about the call
     */
    record Offer(String callId, Place pickup, Place dropoff, Long distanceToPickupMeters, Money fareEstimate,
            Double driverRating, String traceparent) {
    }
}
