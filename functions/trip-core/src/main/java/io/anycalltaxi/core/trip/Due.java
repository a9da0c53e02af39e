package io.anycalltaxi.core.trip;

import io.anycalltaxi.core.events.Money;

/** What the member owes for this trip: its fare, or a cancellation or no-show fee. */
public record Due(ChargeAttempt.Purpose purpose, Money amount) {
}
