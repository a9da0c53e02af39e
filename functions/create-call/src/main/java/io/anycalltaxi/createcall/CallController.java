package io.anycalltaxi.createcall;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.security.Callers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;

/** F1, F3: {@code POST /calls}, {@code POST /calls/{id}/cancel} and what it would cost, by the member who calls. */
@RestController
class CallController {

    private final CallDesk desk;

    CallController(CallDesk desk) {
        this.desk = desk;
    }

    /** The member is the caller's token's; a body naming another member is refused (403). */
    @SecurityRequirement(name = "people", scopes = { "customer" })
    @PostMapping("/calls")
    ResponseEntity<CallAnswer> call(@Valid @RequestBody CallForm form) {
        String memberId = Callers.memberId();
        if (form.memberId() != null && !form.memberId().equals(memberId)) {
            throw Callers.forbidden("a member calls taxis as itself only");
        }
        CallAnswer answer = CallAnswer.of(desk.call(memberId, form));
        return ResponseEntity.created(URI.create("/trips/" + answer.callId())).body(answer);
    }

    @SecurityRequirement(name = "people", scopes = { "customer" })
    @GetMapping("/calls/{callId}/cancellation")
    CancellationQuote cancellation(@PathVariable String callId) {
        return desk.quoteCancellation(callId, Callers.memberId());
    }

    @SecurityRequirement(name = "people", scopes = { "customer" })
    @PostMapping("/calls/{callId}/cancel")
    CallAnswer cancel(@PathVariable String callId) {
        return CallAnswer.of(desk.cancel(callId, Callers.memberId()));
    }
}
