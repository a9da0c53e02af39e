package io.anycalltaxi.core.trip;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a call stands. The state only ever moves along {@link #next()}, and forwards, except that
 * an ASSIGNED call whose taxi left it (given back, or silent) waits for a taxi again.
 */
public enum TripStatus {
    REQUESTED, ASSIGNED, STARTED, ENDED, PAYMENT_FAILED, COMPLETED, CANCELLED, EXPIRED, NO_SHOW, VOIDED;

    public Set<TripStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(ASSIGNED, CANCELLED, EXPIRED);
            case ASSIGNED -> EnumSet.of(STARTED, CANCELLED, REQUESTED, NO_SHOW);
            case STARTED -> EnumSet.of(ENDED, VOIDED);
            case ENDED -> EnumSet.of(PAYMENT_FAILED, COMPLETED);
            case PAYMENT_FAILED -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, EXPIRED, NO_SHOW, VOIDED -> EnumSet.noneOf(TripStatus.class);
        };
    }

    public boolean canMoveTo(TripStatus target) {
        return next().contains(target);
    }

    /** The member is waiting for or riding in this taxi: a member has at most one such call. */
    public boolean isActive() {
        return this == REQUESTED || this == ASSIGNED || this == STARTED;
    }

    /** A taxi is on this call: on its way, waiting at the pickup, or riding. */
    public boolean holdsTaxi() {
        return this == ASSIGNED || this == STARTED;
    }
}
