package io.anycalltaxi.projectview;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
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

import io.anycalltaxi.core.security.Actor;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.security.TripShares;
import io.anycalltaxi.core.web.CallContext;
import io.anycalltaxi.core.web.RequestRefused;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The read side of the customer's API, the friend's share, and the operator's rebuild. */
@RestController
class TripViewController {

    private final TripViews views;
    private final MemberProfiles members;
    private final TripStreams streams;
    private final TripShares shares;
    private final Clock clock;
    private final TimelineTexts texts;

    TripViewController(TripViews views, MemberProfiles members, TripStreams streams, TripShares shares, Clock clock,
            TimelineTexts texts) {
        this.views = views;
        this.members = members;
        this.streams = streams;
        this.shares = shares;
        this.clock = clock;
        this.texts = texts;
    }

    /** A view with the member as others may see them (name, masked phone). */
    record TripPage(@JsonUnwrapped TripBody view, Member member) {
    }

    record Member(String memberId, String name, String phoneMasked) {

        static Member of(MemberProfiles.Profile profile) {
            return new Member(profile.memberId(), profile.name(), profile.phoneMasked());
        }
    }

    /** The member's own trip, or any for an operator; to anyone else it does not exist (404). */
    @SecurityRequirement(name = "people", scopes = { "customer","operator" })
    @GetMapping("/trips/{callId}")
    TripPage trip(@PathVariable String callId) {
        TripView view = visible(callId);
        return new TripPage(TripBody.of(view, texts, texts.localeOf(view.memberId())),
                members.of(view.memberId()).map(Member::of).orElse(null));
    }

    /** Server-Sent Events: the view on every change; {@code Last-Event-ID} resumes after that version. */
    @SecurityRequirement(name = "people", scopes = { "customer","operator" })
    @GetMapping(path = "/trips/{callId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String callId,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastSeenVersion) {
        Locale locale = texts.localeOf(visible(callId).memberId());
        return streams.subscribe(callId, lastSeenVersion == null ? 0 : lastSeenVersion,
                view -> TripBody.of(view, texts, locale));
    }

    /** The friend's read-only share of one trip, opened by the token in the SMS link: no sign-in. */
    @SecurityRequirement(name = "shareToken")
    @GetMapping("/shared/trips/{callId}")
    SharedTrip shared(@PathVariable String callId, @RequestParam(required = false) String token) {
        return SharedTrip.of(sharedView(callId, token));
    }

    @SecurityRequirement(name = "shareToken")
    @GetMapping(path = "/shared/trips/{callId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter sharedStream(@PathVariable String callId, @RequestParam(required = false) String token,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastSeenVersion) {
        sharedView(callId, token);
        return streams.subscribe(callId, lastSeenVersion == null ? 0 : lastSeenVersion, SharedTrip::of);
    }

    /** Newest first; the member's own, or any member's for an operator. */
    @SecurityRequirement(name = "people", scopes = { "customer","operator" })
    @GetMapping("/members/{memberId}/trips")
    List<TripBody> tripsOf(@PathVariable String memberId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Callers.memberOrOperator(memberId);
        Locale locale = texts.localeOf(memberId);
        return views.ofMember(memberId, page, size).stream().map(view -> TripBody.of(view, texts, locale)).toList();
    }

    /** For operators: every view built again from the events it keeps. */
    @SecurityRequirement(name = "people", scopes = { "operator" })
    @PostMapping("/views/rebuild")
    Map<String, Integer> rebuild() {
        Callers.operator();
        return Map.of("rebuilt", views.rebuild());
    }

    private TripView visible(String callId) {
        CallContext.ofCall(callId);
        Actor actor = Callers.current();
        return views.find(callId).filter(view -> actor.isMemberOrOperator(view.memberId()))
                .orElseThrow(() -> unknown(callId));
    }

    private TripView sharedView(String callId, String token) {
        CallContext.ofCall(callId);
        if (!shares.opens(callId, token)) {
            throw unknown(callId);
        }
        TripView view = views.find(callId).orElseThrow(() -> unknown(callId));
        if (!SharedTrip.stillOpen(view, clock.instant())) {
            throw new RequestRefused(HttpStatus.GONE, "Share expired",
                    "this trip ended more than " + SharedTrip.OPEN_AFTER_END.toMinutes() + " minutes ago");
        }
        return view;
    }

    private static RequestRefused unknown(String callId) {
        return new RequestRefused(HttpStatus.NOT_FOUND, "Unknown call", "No call " + callId);
    }
}
