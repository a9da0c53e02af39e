package io.anycalltaxi.assigntaxi.web;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.assigntaxi.store.Taxi;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.web.InvalidRequest;
import io.anycalltaxi.core.web.RequestRefused;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * {@code POST /taxis}: an operator onboards a taxi and its driver's phone; the driver then signs in
 * with that phone and gets a token for this taxi. {@code GET /taxis}: the fleet where it last
 * reported, for operators.
 */
@RestController
class FleetController {

    private static final Logger log = LoggerFactory.getLogger(FleetController.class);
    private static final int MAX_ID = 64;
    private static final int FLEET_PAGE = 500;

    private final Fleet fleet;

    FleetController(Fleet fleet) {
        this.fleet = fleet;
    }

    record TaxiForm(String taxiId, String taxiNumber, String driverName, String phone) {
    }

    record Onboarded(String taxiId, String taxiNumber, String driverName, String phoneMasked) {
    }

    /** A taxi as operators see it on the map: no driver's phone. */
    record FleetTaxi(String taxiId, String taxiNumber, String driverName, Double lat, Double lng, boolean available,
            Instant reportedAt, String busyWith) {

        static FleetTaxi of(Taxi taxi) {
            return new FleetTaxi(taxi.taxiId(), taxi.taxiNumber(), taxi.driverName(), taxi.lat(), taxi.lng(),
                    Boolean.TRUE.equals(taxi.available()), taxi.reportedAt(), taxi.busyWith());
        }
    }

    @SecurityRequirement(name = "people", scopes = { "operator" })
    @GetMapping("/taxis")
    List<FleetTaxi> fleet() {
        Callers.operator();
        return fleet.all(FLEET_PAGE).stream().map(FleetTaxi::of).toList();
    }

    @SecurityRequirement(name = "people", scopes = { "operator" })
    @PostMapping("/taxis")
    ResponseEntity<Onboarded> onboard(@RequestBody TaxiForm form) {
        Callers.operator();
        Map<String, String> errors = new LinkedHashMap<>();
        check(form.taxiId(), MAX_ID, "taxiId", errors);
        if (form.taxiId() != null && !form.taxiId().matches("[A-Za-z0-9._-]*")) {
            errors.put("taxiId", "may hold letters, digits, dots, dashes and underscores only");
        }
        check(form.taxiNumber(), 32, "taxiNumber", errors);
        check(form.driverName(), 64, "driverName", errors);
        PhoneNumber phone = PhoneNumber.parse(form.phone()).orElse(null);
        if (phone == null) {
            errors.put("phone", "must be an E.164 number or a Korean mobile number");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        boolean added;
        try {
            added = fleet.onboard(form.taxiId(), form.taxiNumber().strip(), form.driverName().strip(), phone);
        } catch (DuplicateKeyException taken) {
            throw new RequestRefused(HttpStatus.CONFLICT, "Phone already drives a taxi",
                    "the phone " + phone.masked() + " is another taxi's driver's");
        }
        log.info("taxi {} {} the fleet, driver's phone {}", form.taxiId(), added ? "joined" : "updated in", phone.masked());
        Onboarded taxi = new Onboarded(form.taxiId(), form.taxiNumber().strip(), form.driverName().strip(),
                phone.masked());
        return added ? ResponseEntity.created(URI.create("/taxis/" + form.taxiId())).body(taxi) : ResponseEntity.ok(taxi);
    }

    private static void check(String value, int max, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required");
        } else if (value.length() > max) {
            errors.put(field, "must be at most " + max + " characters");
        }
    }
}
