package io.anycalltaxi.assigntaxi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.trip.TripStatus;

/** Whether a taxi may take a call: given the call and the taxi, when it accepts, then the refusal. */
class AcceptancePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "{0}, offered {1}, known {2}, available {3}, busy with {4} for {5} s, held {6} -> {7}")
    @CsvSource({
            // call status, offered, taxi known, available, busy with, busy for (s), other call holds taxi, refusal
            "REQUESTED, true, true, true, , 0, false, ",
            ", true, true, true, , 0, false, unknown call",
            "ASSIGNED, true, true, true, , 0, false, already assigned",
            "CANCELLED, true, true, true, , 0, false, cancelled",
            "EXPIRED, true, true, true, , 0, false, expired",
            "REQUESTED, false, true, true, , 0, false, not offered",
            "REQUESTED, true, false, false, , 0, false, not available",
            "REQUESTED, true, true, false, , 0, false, not available",
            "REQUESTED, true, true, true, call-1, 5, false, ",
            "REQUESTED, true, true, true, call-2, 5, false, busy",
            "REQUESTED, true, true, true, call-2, 60, true, busy",
            "REQUESTED, true, true, true, call-2, 60, false, " })
    void decides(TripStatus status, boolean offered, boolean known, boolean available, String busyWith,
            long busySeconds, boolean held, String refusal) {
        AcceptancePolicy.Acceptance acceptance = new AcceptancePolicy.Acceptance(status, offered, known, available,
                "call-1", busyWith, busyWith == null ? null : NOW.minusSeconds(busySeconds), held, NOW, ClaimAge.DEFAULT);

        assertThat(AcceptancePolicy.refusal(acceptance).orElse(null)).isEqualTo(refusal);
    }
}
