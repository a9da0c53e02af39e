package io.anycalltaxi.createcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.core.events.Money;

/** What cancelling costs: given the assignment and the fee, when cancelled, then. */
class CancellationFeeTest {

    private static final Instant ASSIGNED = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "assigned {0}, cancelled +{1} s, fee {2} -> {3}")
    @CsvSource({
            // a taxi assigned, seconds after the assignment, fee configured, fee owed (empty: free)
            "false, 600, 2000, ",
            "true, 0, 2000, ",
            "true, 119, 2000, ",
            "true, 120, 2000, 2000",
            "true, 3600, 2000, 2000",
            "true, 600, 0, " })
    void decides(boolean assigned, long secondsAfter, long fee, Long owed) {
        Money charged = CancellationFee.of(assigned ? ASSIGNED : null, ASSIGNED.plusSeconds(secondsAfter),
                new CancellationFee.Policy(Duration.ofMinutes(2), Money.won(fee)));

        assertThat(charged).isEqualTo(owed == null ? null : Money.won(owed));
    }
}
