package io.anycalltaxi.createcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.trip.TripStatus;

/** Whether a member may call again: given the last call, when calling, then. */
class CallAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "last call {0}, claimed {1} s ago -> admitted {2}")
    @CsvSource({
            // last call's status (empty: never stored), seconds since it was claimed, admitted
            "REQUESTED, 600, false",
            "ASSIGNED, 600, false",
            "STARTED, 600, false",
            "ENDED, 1, true",
            "PAYMENT_FAILED, 1, true",
            "COMPLETED, 1, true",
            "CANCELLED, 1, true",
            "EXPIRED, 1, true",
            "NO_SHOW, 1, true",
            "VOIDED, 1, true",
            ", 5, false",
            ", 30, true" })
    void decides(TripStatus lastStatus, long secondsAgo, boolean admitted) {
        assertThat(CallAdmission.admits(lastStatus, NOW.minusSeconds(secondsAgo), NOW, ClaimAge.DEFAULT)).isEqualTo(admitted);
    }
}
