package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Flag;
import io.anycalltaxi.core.trip.Refund;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Operators' desk for trips that need a person: {@code GET /operations/trips} lists the flagged
 * ones (a ride overdue, a meter outside the band, a charge payment refused), newest first; a ride
 * that never ended is ended with a fare ({@code POST .../end}) or voided ({@code POST .../void});
 * a paid trip is refunded in full or in part ({@code POST .../refunds}).
 */
@RestController
class OperationsController {

    private static final int PAGE = 200;

    private final Trips trips;
    private final TripOutbox outbox;
    private final Checkout checkout;
    private final EventFactory events;
    private final Clock clock;

    OperationsController(Trips trips, TripOutbox outbox, Checkout checkout, EventFactory events, Clock clock) {
        this.trips = trips;
        this.outbox = outbox;
        this.checkout = checkout;
        this.events = events;
        this.clock = clock;
    }

    record FlaggedTrip(String callId, TripStatus status, String memberId, String taxiId, Instant startedAt,
            Money fare, List<Flag> flags, List<ChargeAttempt> charges, List<Refund> refunds) {

        static FlaggedTrip of(Trip trip) {
            return new FlaggedTrip(trip.callId(), trip.status(), trip.memberId(),
                    trip.taxi() == null ? null : trip.taxi().taxiId(), trip.ride() == null ? null : trip.ride().startedAt(),
                    trip.fare(), trip.flags(), trip.charges(), trip.refunds());
        }
    }

    record Ending(@NotNull @Valid Money fare) {
    }

    record Voiding(@NotBlank @Size(max = 200) String reason) {
    }

    record RefundForm(@NotNull @Valid Money amount, @NotBlank @Size(max = 200) String reason) {
    }

    /** The trips flagged for a look (the stuck ones), newest first; or those in a status, longest waiting first. */
    @SecurityRequirement(name = "people", scopes = { "operator" })
    @GetMapping("/operations/trips")
    List<FlaggedTrip> trips(@RequestParam(required = false) TripStatus status) {
        Callers.operator();
        return (status == null ? trips.flagged(PAGE) : trips.inStatus(status, PAGE)).stream().map(FlaggedTrip::of)
                .toList();
    }

    /** The fare is the operator's, as one amount; the charge follows as for any ended ride. */
    @SecurityRequirement(name = "people", scopes = { "operator" })
    @PostMapping("/operations/trips/{callId}/end")
    FlaggedTrip end(@PathVariable String callId, @Valid @RequestBody Ending ending) {
        Callers.operator();
        CallContext.ofCall(callId);
        Money fare = ending.fare();
        Cause cause = events.cause("operator-end-" + callId, clock.instant());
        TripChange ended = trips.changeAndQueue(callId, cause, trip -> trip.end(null, cause.at(), 0, 0,
                new FareParts(fare.amount(), 0, 0, 0, 0, 0, 0, fare.amount(), fare.currency()), "OPERATOR", null, cause));
        outbox.publish(ended.trip());
        return FlaggedTrip.of(ended.trip());
    }

    @SecurityRequirement(name = "people", scopes = { "operator" })
    @PostMapping("/operations/trips/{callId}/void")
    FlaggedTrip voidRide(@PathVariable String callId, @Valid @RequestBody Voiding voiding) {
        Callers.operator();
        CallContext.ofCall(callId);
        Cause cause = events.cause("operator-void-" + callId, clock.instant());
        TripChange voided = trips.changeAndQueue(callId, cause, trip -> trip.voidRide(voiding.reason(), cause));
        outbox.publish(voided.trip());
        return FlaggedTrip.of(voided.trip());
    }

    @SecurityRequirement(name = "people", scopes = { "operator" })
    @PostMapping("/operations/trips/{callId}/refunds")
    FlaggedTrip refund(@PathVariable String callId, @Valid @RequestBody RefundForm form) {
        Callers.operator();
        CallContext.ofCall(callId);
        try {
            return FlaggedTrip.of(checkout.refund(callId, form.amount(), form.reason()));
        } catch (RefundRule.Refused refused) {
            throw new RequestRefused(HttpStatus.UNPROCESSABLE_ENTITY, "Refund refused", refused.getMessage());
        }
    }
}
