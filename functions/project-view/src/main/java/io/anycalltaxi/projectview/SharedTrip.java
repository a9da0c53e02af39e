package io.anycalltaxi.projectview;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * What the friend's share link shows of a trip: where it goes, the taxi and where it is, the
 * status; no member, phone, card or payment. The link opens until an hour after the trip ends.
 */
record SharedTrip(String callId, TripStatus status, Place pickup, Place dropoff, SharedTaxi taxi,
        TripView.Position location, Instant updatedAt) {

    static final Duration OPEN_AFTER_END = Duration.ofHours(1);
    private static final Set<String> ENDINGS = Set.of("trip.ended", "call.cancelled", "call.expired");

    record SharedTaxi(String taxiNumber, String driverName) {
    }

    static SharedTrip of(TripView view) {
        return new SharedTrip(view.callId(), view.status(), view.pickup(), view.dropoff(),
                view.taxi() == null ? null : new SharedTaxi(view.taxi().taxiNumber(), view.taxi().driverName()),
                view.location(), view.updatedAt());
    }

    /** When the ride (or the call) ended, if it has. */
    static Optional<Instant> endedAt(TripView view) {
        return view.timeline().stream().filter(stage -> ENDINGS.contains(stage.type())).map(TripView.Stage::time)
                .min(Instant::compareTo);
    }

    static boolean stillOpen(TripView view, Instant now) {
        return endedAt(view).map(ended -> now.isBefore(ended.plus(OPEN_AFTER_END))).orElse(true);
    }
}
