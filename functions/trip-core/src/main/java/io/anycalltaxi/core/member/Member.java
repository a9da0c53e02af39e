package io.anycalltaxi.core.member;

import java.time.Instant;


/**
 * A registered customer. register-member writes members; the functions that call, charge and
 * notify on a member's behalf read them through {@link MemberDirectory}. Stored as a
 * {@link MemberDocument}.
 *
 * @param phone       E.164; unique among members
 * @param friendPhone E.164; the friend the safety service texts
 */
public record Member(
        String memberId,
        String name,
        String phone,
        String friendPhone,
        Language language,
        CardOnFile card,
        Instant registeredAt) {

    public PhoneNumber phoneNumber() {
        return new PhoneNumber(phone);
    }

    public PhoneNumber friendPhoneNumber() {
        return new PhoneNumber(friendPhone);
    }
}
