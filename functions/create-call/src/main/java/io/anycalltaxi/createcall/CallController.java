package io.anycalltaxi.createcall;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** F1, F3: {@code POST /calls}, {@code POST /calls/{id}/cancel} (design §4). */
@RestController
class CallController {

    private final CallDesk desk;

    CallController(CallDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/calls")
    ResponseEntity<CallAccepted> call(@Valid @RequestBody CallForm form) {
        CallAccepted accepted = CallAccepted.of(desk.call(form));
        return ResponseEntity.created(URI.create("/trips/" + accepted.callId())).body(accepted);
    }

    @PostMapping("/calls/{callId}/cancel")
    CallAccepted cancel(@PathVariable String callId) {
        return CallAccepted.of(desk.cancel(callId));
    }
}
