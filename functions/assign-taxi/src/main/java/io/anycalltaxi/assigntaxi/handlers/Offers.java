package io.anycalltaxi.assigntaxi.handlers;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.model.DispatchPolicy;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.events.Place;

/** Which taxis to offer a call to: available, fresh, within the radius, nearest first, none that left it. */
@Component
public class Offers {

    private final Fleet fleet;
    private final DispatchPolicy policy;
    private final Clock clock;

    public Offers(Fleet fleet, DispatchPolicy policy, Clock clock) {
        this.fleet = fleet;
        this.policy = policy;
        this.clock = clock;
    }

    public List<String> taxisFor(Place pickup, int radiusMeters) {
        return taxisFor(pickup, radiusMeters, List.of());
    }

    /** Without the taxis that left this call. */
    public List<String> taxisFor(Place pickup, int radiusMeters, List<String> excluded) {
        return fleet.near(pickup, radiusMeters, clock.instant().minus(policy.staleAfter()),
                        policy.maxOffers() + excluded.size())
                .stream()
                .map(nearby -> nearby.taxi().taxiId())
                .filter(taxiId -> !excluded.contains(taxiId))
                .limit(policy.maxOffers())
                .toList();
    }
}
