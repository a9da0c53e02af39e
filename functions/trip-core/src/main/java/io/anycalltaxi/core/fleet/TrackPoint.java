package io.anycalltaxi.core.fleet;

import java.time.Instant;

/** Where a taxi on a call reported it was, and when the system received it. */
public record TrackPoint(double lat, double lng, Instant at) {
}
