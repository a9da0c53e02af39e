package io.anycalltaxi.starttrip;

import java.time.Duration;
import java.time.Instant;

import io.anycalltaxi.core.events.Money;

/**
 * When a driver may report that the passenger did not come: once the taxi said it was at the
 * pickup and has waited the no-show wait since. The no-show fee is then owed (none when it is
 * zero).
 */
final class NoShowRule {

    record Policy(Duration waitAtPickup, Money fee) {
    }

    /** @param fee the fee owed, null for none; {@code tooEarly} says why it may not be reported yet */
    record Decision(boolean allowed, Money fee, String tooEarly) {
    }

    private NoShowRule() {
    }

    static Decision decide(Instant arrivedAt, Instant now, Policy policy) {
        if (arrivedAt == null) {
            return new Decision(false, null, "the taxi has not said it is at the pickup");
        }
        Instant waitedUntil = arrivedAt.plus(policy.waitAtPickup());
        if (now.isBefore(waitedUntil)) {
            return new Decision(false, null, "the no-show wait of " + policy.waitAtPickup().toSeconds()
                    + " s after arriving is over at " + waitedUntil);
        }
        return new Decision(true, policy.fee().amount() > 0 ? policy.fee() : null, null);
    }
}
