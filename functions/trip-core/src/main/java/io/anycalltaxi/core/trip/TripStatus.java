package io.anycalltaxi.core.trip;

import java.util.EnumSet;
import java.util.Set;

/** Where a call stands (design §3). The state only ever moves along {@link #next()}. */
public enum TripStatus {
    REQUESTED, ASSIGNED, STARTED, ENDED, PAYMENT_FAILED, COMPLETED, CANCELLED, EXPIRED;

    public Set<TripStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(ASSIGNED, CANCELLED, EXPIRED);
            case ASSIGNED -> EnumSet.of(STARTED);
            case STARTED -> EnumSet.of(ENDED);
            case ENDED -> EnumSet.of(PAYMENT_FAILED, COMPLETED);
            case PAYMENT_FAILED -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, EXPIRED -> EnumSet.noneOf(TripStatus.class);
        };
    }

    public boolean canMoveTo(TripStatus target) {
        return next().contains(target);
    }

    /** The member is waiting for or riding in this taxi: a member has at most one such call. */
    public boolean isActive() {
        return this == REQUESTED || this == ASSIGNED || this == STARTED;
    }
}
