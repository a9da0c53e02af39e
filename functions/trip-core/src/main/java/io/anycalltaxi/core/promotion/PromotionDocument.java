package io.anycalltaxi.core.promotion;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A promotion as MongoDB stores it ({@code promotions}), written by {@link Promotions}. */
@Document("promotions")
record PromotionDocument(
        @Id String code,
        String memberId,
        int discountPercent,
        String reason,
        Promotion.State state,
        String callId,
        Instant grantedAt) {

    static PromotionDocument of(Promotion promotion) {
        return new PromotionDocument(promotion.code(), promotion.memberId(), promotion.discountPercent(),
                promotion.reason(), promotion.state(), promotion.callId(), promotion.grantedAt());
    }

    Promotion promotion() {
        return new Promotion(code, memberId, discountPercent, reason, state, callId, grantedAt);
    }
}
