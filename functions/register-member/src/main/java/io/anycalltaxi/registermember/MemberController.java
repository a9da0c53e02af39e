package io.anycalltaxi.registermember;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.MemberDirectory;

/** F0: {@code POST /members}, {@code GET /members/{id}} (design §4). */
@RestController
class MemberController {

    private final MemberRegistry registry;
    private final MemberDirectory directory;

    MemberController(MemberRegistry registry, MemberDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    @PostMapping("/members")
    ResponseEntity<MemberView> register(@RequestBody SignupForm form) {
        MemberView member = MemberView.of(registry.register(form));
        return ResponseEntity.created(URI.create("/members/" + member.memberId())).body(member);
    }

    @GetMapping("/members/{memberId}")
    MemberView member(@PathVariable String memberId) {
        return directory.find(memberId).map(MemberView::of).orElseThrow(() -> MemberRegistry.unknown(memberId));
    }

    /** Replaces the card on file; a trip waiting on a declined card is charged again. */
    @PutMapping("/members/{memberId}/card")
    CardView replaceCard(@PathVariable String memberId, @RequestBody CardForm card) {
        CardOnFile onFile = registry.replaceCard(memberId, card);
        return new CardView(onFile.brand(), onFile.last4());
    }

    record CardView(String cardBrand, String cardLast4) {
    }
}
