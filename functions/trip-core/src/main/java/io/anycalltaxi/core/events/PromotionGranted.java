package io.anycalltaxi.core.events;

public record PromotionGranted(String memberId, String code, int discountPercent, String reason) {
}
