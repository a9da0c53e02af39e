package io.anycalltaxi.registermember;

import java.util.Locale;

import io.anycalltaxi.core.member.Member;

/** A member as the API shows it: phone numbers masked, only the card's brand and last four digits. */
public record MemberView(String memberId, String name, String phoneMasked, String friendPhoneMasked, String cardBrand,
        String cardLast4, String language) {

    static MemberView of(Member member) {
        return new MemberView(member.memberId(), member.name(), member.phoneNumber().masked(),
                member.friendPhoneNumber().masked(), member.card().brand(), member.card().last4(),
                member.language().name().toLowerCase(Locale.ROOT));
    }
}
