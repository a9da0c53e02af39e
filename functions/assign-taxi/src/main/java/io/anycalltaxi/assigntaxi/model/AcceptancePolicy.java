package io.anycalltaxi.assigntaxi.model;

import java.time.Instant;
import java.util.Optional;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * Whether a taxi may take a call (F2), by the rules in order: the call exists and still waits, it
 * was offered to this taxi, the taxi is available, and it is not on another call, unless that
 * other claim was abandoned (older than a claim in progress, and not holding its trip).
 */
public final class AcceptancePolicy {

    /**
     * What is known when a taxi accepts.
     *
     * @param busyWith the other call it is claimed for, or null
     * @param age      how long a claim may still become an assignment
     */
    public record Acceptance(TripStatus callStatus, boolean offered, boolean taxiKnown, boolean available, String callId,
            String busyWith, Instant busySince, boolean otherCallHoldsTaxi, Instant now, ClaimAge age) {
    }

    private AcceptancePolicy() {
    }

    /** @return why it is refused, empty when it is allowed */
    public static Optional<String> refusal(Acceptance a) {
        if (a.callStatus() == null) {
            return Optional.of("unknown call");
        }
        if (a.callStatus() != TripStatus.REQUESTED) {
            return Optional.of(reason(a.callStatus()));
        }
        if (!a.offered()) {
            return Optional.of("not offered");
        }
        if (!a.taxiKnown() || !a.available()) {
            return Optional.of("not available");
        }
        if (a.busyWith() != null && !a.busyWith().equals(a.callId()) && !abandoned(a)) {
            return Optional.of("busy");
        }
        return Optional.empty();
    }

    /** The taxi's other claim never became an assignment: it is freed and this call may take it. */
    public static boolean abandoned(Acceptance a) {
        boolean claimInProgress = a.busySince() != null && !a.age().isStale(a.busySince(), a.now());
        return a.busyWith() != null && !a.busyWith().equals(a.callId()) && !claimInProgress && !a.otherCallHoldsTaxi();
    }

    public static String reason(TripStatus status) {
        return switch (status) {
            case CANCELLED -> "cancelled";
            case EXPIRED -> "expired";
            default -> "already assigned";
        };
    }
}
