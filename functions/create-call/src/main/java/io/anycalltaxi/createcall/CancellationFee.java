package io.anycalltaxi.createcall;

import java.time.Duration;
import java.time.Instant;

import io.anycalltaxi.core.events.Money;

/**
 * What cancelling a call costs the customer: nothing before a taxi is assigned, nor within the
 * grace period after; after it, the cancellation fee (none when it is zero). Whether the call may
 * be cancelled at all is the trip's to say.
 */
final class CancellationFee {

    record Policy(Duration grace, Money fee) {
    }

    private CancellationFee() {
    }

    /** @param assignedAt when the taxi was assigned, null if none is; @return the fee, or null when free */
    static Money of(Instant assignedAt, Instant now, Policy policy) {
        if (assignedAt == null || now.isBefore(assignedAt.plus(policy.grace())) || policy.fee().amount() == 0) {
            return null;
        }
        return policy.fee();
    }
}
