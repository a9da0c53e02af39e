package io.anycalltaxi.core.member;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member as MongoDB stores it ({@code members}); register-member adds its outbox to the same
 * document, which a member read here does not carry.
 */
@Document("members")
public record MemberDocument(
        @Id String memberId,
        String name,
        String phone,
        String friendPhone,
        Language language,
        CardOnFile card,
        Instant registeredAt) {

    public static MemberDocument of(Member member) {
        return new MemberDocument(member.memberId(), member.name(), member.phone(), member.friendPhone(),
                member.language(), member.card(), member.registeredAt());
    }

    public Member member() {
        return new Member(memberId, name, phone, friendPhone, language, card, registeredAt);
    }
}
