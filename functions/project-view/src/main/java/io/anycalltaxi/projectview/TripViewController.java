package io.anycalltaxi.projectview;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The read side of the customer's API (design §4). */
@RestController
class TripViewController {

    private final TripViews views;

    TripViewController(TripViews views) {
        this.views = views;
    }

    @GetMapping("/trips/{callId}")
    TripView trip(@PathVariable String callId) {
        CallContext.ofCall(callId);
        return views.find(callId).orElseThrow(() -> new RequestRefused(HttpStatus.NOT_FOUND, "Unknown call",
                "No call " + callId));
    }

    /** Newest first. */
    @GetMapping("/members/{memberId}/trips")
    List<TripView> tripsOf(@PathVariable String memberId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return views.ofMember(memberId, page, size);
    }
}
