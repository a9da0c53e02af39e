package io.anycalltaxi.core.trip;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.anycalltaxi.core.events.EventType;
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

    /**
     * The status a trip is in once it emitted an event of this type (empty: the event changes no
     * status). A declined or refused fee is an exception the caller sees in the event's data: only a
     * fare's failure leaves the trip PAYMENT_FAILED.
     */
    public static Optional<TripStatus> after(EventType type) {
        return Optional.ofNullable(switch (type) {
            case CALL_REQUESTED, CALL_REOPENED -> REQUESTED;
            case CALL_CANCELLED -> CANCELLED;
            case CALL_EXPIRED -> EXPIRED;
            case TAXI_ASSIGNED -> ASSIGNED;
            case CALL_NOSHOW -> NO_SHOW;
            case TRIP_VOIDED -> VOIDED;
            case TRIP_STARTED -> STARTED;
            case TRIP_ENDED -> ENDED;
            case PAYMENT_FAILED -> PAYMENT_FAILED;
            case TRIP_COMPLETED -> COMPLETED;
            default -> null;
        });
    }

    /** The statuses of {@link #isActive()}, for queries. */
    public static List<TripStatus> active() {
        return Arrays.stream(values()).filter(TripStatus::isActive).toList();
    }

    /** The statuses that {@link #holdsTaxi()}, for queries. */
    public static List<TripStatus> holdingTaxi() {
        return Arrays.stream(values()).filter(TripStatus::holdsTaxi).toList();
    }
}
