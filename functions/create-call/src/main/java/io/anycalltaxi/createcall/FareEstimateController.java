package io.anycalltaxi.createcall;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.fare.Fares;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.web.InvalidRequest;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * {@code GET /fares/estimate}: what a ride would about cost now, shown before the member calls. The
 * call's own estimate is the same, less the member's promotion if one is taken.
 */
@RestController
class FareEstimateController {

    private final Fares fares;
    private final Clock clock;

    FareEstimateController(Fares fares, Clock clock) {
        this.fares = fares;
        this.clock = clock;
    }

    @SecurityRequirement(name = "people", scopes = { "customer" })
    @GetMapping("/fares/estimate")
    Money estimate(@RequestParam double pickupLat, @RequestParam double pickupLng, @RequestParam double dropoffLat,
            @RequestParam double dropoffLng) {
        Callers.memberId();
        Map<String, String> errors = new LinkedHashMap<>();
        checkLatitude("pickupLat", pickupLat, errors);
        checkLatitude("dropoffLat", dropoffLat, errors);
        checkLongitude("pickupLng", pickupLng, errors);
        checkLongitude("dropoffLng", dropoffLng, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return fares.estimate(new Place(pickupLat, pickupLng, null), new Place(dropoffLat, dropoffLng, null),
                clock.instant());
    }

    private static void checkLatitude(String name, double degrees, Map<String, String> errors) {
        if (!(degrees >= -90 && degrees <= 90)) {
            errors.put(name, "must be between -90 and 90");
        }
    }

    private static void checkLongitude(String name, double degrees, Map<String, String> errors) {
        if (!(degrees >= -180 && degrees <= 180)) {
            errors.put(name, "must be between -180 and 180");
        }
    }
}
