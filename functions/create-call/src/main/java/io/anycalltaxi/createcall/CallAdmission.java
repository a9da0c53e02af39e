package io.anycalltaxi.createcall;

import java.time.Instant;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.trip.TripStatus;

/**
 * Whether a member may make a new call, given the call they made last: a member has at most one
 * call waiting for or riding in a taxi. The last call no longer holds them once it is over
 * (completed, cancelled, expired, a no-show, voided, or waiting for payment), and a claim whose
 * call was never stored (the function stopped while creating it) lets go after a while.
 */
final class CallAdmission {

    private CallAdmission() {
    }

    /**
     * @param lastStatus the status of the member's last call, null if it was never stored
     * @param claimedAt  when the member's last call was claimed
     * @param age        how long a claim may still be a call being created
     */
    static boolean admits(TripStatus lastStatus, Instant claimedAt, Instant now, ClaimAge age) {
        if (lastStatus != null) {
            return !lastStatus.isActive();
        }
        return age.isStale(claimedAt, now);
    }
}
