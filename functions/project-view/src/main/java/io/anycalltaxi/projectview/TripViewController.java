package io.anycalltaxi.projectview;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The read side of the customer's API (design §4), and the operator's rebuild. */
@RestController
class TripViewController {

    private final TripViews views;
    private final MemberProfiles members;
    private final TripStreams streams;

    TripViewController(TripViews views, MemberProfiles members, TripStreams streams) {
        this.views = views;
        this.members = members;
        this.streams = streams;
    }

    /** A view with the member as others may see them (name, masked phone). */
    record TripPage(@JsonUnwrapped TripView view, MemberProfiles.Profile member) {
    }

    @GetMapping("/trips/{callId}")
    TripPage trip(@PathVariable String callId) {
        CallContext.ofCall(callId);
        TripView view = views.find(callId).orElseThrow(() -> unknown(callId));
        return new TripPage(view, members.of(view.memberId()).orElse(null));
    }

    /** Server-Sent Events: the view on every change; {@code Last-Event-ID} resumes after that version. */
    @GetMapping(path = "/trips/{callId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String callId,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastSeenVersion) {
        CallContext.ofCall(callId);
        views.find(callId).orElseThrow(() -> unknown(callId));
        return streams.subscribe(callId, lastSeenVersion == null ? 0 : lastSeenVersion);
    }

    /** Newest first. */
    @GetMapping("/members/{memberId}/trips")
    List<TripView> tripsOf(@PathVariable String memberId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return views.ofMember(memberId, page, size);
    }

    /** For operators: every view built again from the events it keeps. */
    @PostMapping("/views/rebuild")
    Map<String, Integer> rebuild() {
        return Map.of("rebuilt", views.rebuild());
    }

    private static RequestRefused unknown(String callId) {
        return new RequestRefused(HttpStatus.NOT_FOUND, "Unknown call", "No call " + callId);
    }
}
