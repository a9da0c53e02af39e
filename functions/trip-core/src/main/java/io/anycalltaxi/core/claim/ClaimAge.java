package io.anycalltaxi.core.claim;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a claim counts as someone still at work: a member's call being created, a taxi claimed
 * for an acceptance, a text being sent, a charge being asked. An older claim whose work never
 * finished was abandoned (the function stopped mid-way) and may be taken over. One setting for
 * all of them, {@code anycalltaxi.claims.stale-after}.
 */
public record ClaimAge(Duration staleAfter) {

    public static final ClaimAge DEFAULT = new ClaimAge(Duration.ofSeconds(30));

    /** A claim without a time (stored before claims had one) counts as abandoned. */
    public boolean isStale(Instant claimedAt, Instant now) {
        return claimedAt == null || !claimedAt.isAfter(now.minus(staleAfter));
    }
}
