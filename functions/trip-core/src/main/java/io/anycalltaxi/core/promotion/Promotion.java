package io.anycalltaxi.core.promotion;

import java.time.Instant;

/**
 * A discount a member earned (F11): granted by usage-insights, taken by a call (create-call),
 * used when that trip completes (end-trip-pay). Used once.
 *
 * @param callId the call that took it, once taken
 */
public record Promotion(
        String code,
        String memberId,
        int discountPercent,
        String reason,
        State state,
        String callId,
        Instant grantedAt) {

    public enum State {
        /** Earned; the member's next call takes it. */
        GRANTED,
        /** A call took it; if that call never becomes a paid trip, it may be taken again. */
        TAKEN,
        /** A completed trip was discounted with it. */
        USED
    }
}
