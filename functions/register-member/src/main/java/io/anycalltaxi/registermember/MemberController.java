package io.anycalltaxi.registermember;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.security.Actor;
import io.anycalltaxi.core.security.Callers;
import io.anycalltaxi.core.security.PeopleTokenConfiguration.PhoneIdentities;
import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.security.Role;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** F0: {@code POST /members}, {@code GET /members/{id}}, {@code PUT /members/{id}/card}. */
@RestController
class MemberController {

    private final MemberRegistry registry;
    private final MemberDirectory directory;
    private final PeopleTokens tokens;
    private final PhoneIdentities identities;

    MemberController(MemberRegistry registry, MemberDirectory directory, PeopleTokens tokens,
            PhoneIdentities identities) {
        this.registry = registry;
        this.directory = directory;
        this.tokens = tokens;
        this.identities = identities;
    }

    /** The new member, and a token to act as it right away. */
    record SignedUp(@JsonUnwrapped MemberView member, @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn) {
    }

    /** Only with a sign-up token, for the phone it proved. */
    @SecurityRequirement(name = "people", scopes = { "signup" })
    @PostMapping("/members")
    ResponseEntity<SignedUp> register(@RequestBody SignupForm form) {
        Actor caller = Callers.current();
        if (!caller.is(Role.SIGNUP)) {
            throw Callers.forbidden("signing up needs the sign-up token of a phone with no member yet");
        }
        Member member = registry.register(form, caller);
        PeopleTokens.AccessToken access = tokens.accessFor(identities.of(member.phoneNumber()));
        return ResponseEntity.created(URI.create("/members/" + member.memberId()))
                .body(new SignedUp(MemberView.of(member), access.value(), "Bearer", access.expiresIn().toSeconds()));
    }

    /** The member itself, or an operator. */
    @SecurityRequirement(name = "people", scopes = { "customer","operator" })
    @GetMapping("/members/{memberId}")
    MemberView member(@PathVariable String memberId) {
        Callers.memberOrOperator(memberId);
        return directory.find(memberId).map(MemberView::of).orElseThrow(() -> MemberRegistry.unknown(memberId));
    }

    /** Replaces the card on file (the member only); a trip waiting on a declined card is charged again. */
    @SecurityRequirement(name = "people", scopes = { "customer" })
    @PutMapping("/members/{memberId}/card")
    CardView replaceCard(@PathVariable String memberId, @RequestBody CardForm card) {
        Callers.member(memberId);
        CardOnFile onFile = registry.replaceCard(memberId, card);
        return new CardView(onFile.brand(), onFile.last4());
    }

    record CardView(String cardBrand, String cardLast4) {
    }
}
