package io.anycalltaxi.core.trip;

/** A change the trip refuses; nothing was written. */
public final class TripRefusal extends RuntimeException {

    public enum Reason {
        /** The trip's status does not allow it (see TripStatus). */
        ILLEGAL_TRANSITION,
        /** The acting taxi is not the one assigned to this trip. */
        WRONG_DRIVER,
        /** The acting member is not the one who called. */
        NOT_THE_MEMBER,
        /** Allowed later, not yet (a no-show before the wait is over). */
        TOO_EARLY
    }

    private final Reason reason;
    private final TripStatus status;

    public TripRefusal(Reason reason, TripStatus status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    /** A rule outside the trip (a wait, a limit) refuses the change for now. */
    public static TripRefusal tooEarly(TripStatus status, String message) {
        return new TripRefusal(Reason.TOO_EARLY, status, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The trip's status when it refused. */
    public TripStatus status() {
        return status;
    }
}
