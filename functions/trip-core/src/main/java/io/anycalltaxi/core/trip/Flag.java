package io.anycalltaxi.core.trip;

import java.time.Instant;

/** Something about this trip an operator should look at. */
public record Flag(Kind kind, String detail, Instant at) {

    public enum Kind {
        /** The driver's meter was outside the plausible band: the server's figure was charged. */
        METER_OUTSIDE_BAND,
        /** The ride started long ago and never ended: end it with a fare, or void it. */
        RIDE_OVERDUE,
        /** Payment refused a charge request outright: settle it by hand. */
        PAYMENT_REFUSED
    }
}
