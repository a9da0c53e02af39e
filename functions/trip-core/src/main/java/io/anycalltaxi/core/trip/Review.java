package io.anycalltaxi.core.trip;

import java.time.Instant;

/** What the member thought of the ride (F10). */
public record Review(int rating, String comment, Instant at) {
}
