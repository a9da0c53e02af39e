package io.anycalltaxi.reviewtrip;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.TripChange;
import io.anycalltaxi.core.trip.store.TripOutbox;
import io.anycalltaxi.core.trip.store.Trips;
import io.anycalltaxi.core.web.CallContext;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;

/**
 * F10: {@code POST /calls/{id}/review}, as the caller's token's member. The trip takes the review only from the member who rode
 * (else 403), only once it is COMPLETED and only once (else 409); {@code trip.reviewed} goes out
 * through the trip's outbox.
 */
@RestController
class ReviewController {

    private final Trips trips;
    private final TripOutbox outbox;
    private final EventFactory events;
    private final Clock clock;

    ReviewController(Trips trips, TripOutbox outbox, EventFactory events, Clock clock) {
        this.trips = trips;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    record Reviewed(String callId, int rating, String comment) {
    }

    @SecurityRequirement(name = "people", scopes = { "customer" })
    @PostMapping("/calls/{callId}/review")
    ResponseEntity<Reviewed> review(@PathVariable String callId, @Valid @RequestBody ReviewForm form) {
        CallContext.ofCall(callId);
        String memberId = Callers.memberId();
        if (form.memberId() != null && !form.memberId().equals(memberId)) {
            throw Callers.forbidden("a member reviews as itself only");
        }
        String comment = form.comment() == null ? "" : form.comment().strip();
        Cause cause = events.cause("review-" + UUID.randomUUID(), clock.instant());
        TripChange reviewed = trips.changeAndQueue(callId, cause,
                trip -> trip.review(memberId, form.rating(), comment, cause));
        outbox.publish(reviewed.trip());
        return ResponseEntity.created(URI.create("/trips/" + callId))
                .body(new Reviewed(callId, form.rating(), comment));
    }
}
