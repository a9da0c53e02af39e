package io.anycalltaxi.starttrip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.core.events.Money;

/** When a no-show may be reported, and what it costs: given arrival and fee, when reported, then. */
class NoShowRuleTest {

    private static final Instant ARRIVED = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "arrived {0}, reported +{1} s, fee {2} -> allowed {3}, fee {4}")
    @CsvSource({
            // arrived, seconds after arrival, fee, allowed, fee owed
            "false, 600, 3000, false, ",
            "true, 0, 3000, false, ",
            "true, 299, 3000, false, ",
            "true, 300, 3000, true, 3000",
            "true, 900, 3000, true, 3000",
            "true, 300, 0, true, " })
    void decides(boolean arrived, long secondsAfter, long fee, boolean allowed, Long owed) {
        NoShowRule.Decision decision = NoShowRule.decide(arrived ? ARRIVED : null, ARRIVED.plusSeconds(secondsAfter),
                new NoShowRule.Policy(Duration.ofMinutes(5), Money.won(fee)));

        assertThat(decision.allowed()).isEqualTo(allowed);
        assertThat(decision.fee()).isEqualTo(owed == null ? null : Money.won(owed));
        assertThat(decision.tooEarly() == null).isEqualTo(allowed);
    }
}
