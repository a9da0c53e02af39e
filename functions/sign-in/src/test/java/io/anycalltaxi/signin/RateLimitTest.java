package io.anycalltaxi.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given 3 requests per 10 minutes, when the nth request of a window comes at a time, then allowed or wait. */
class RateLimitTest {

    private static final RateLimit LIMIT = new RateLimit(3, Duration.ofMinutes(10));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1L, "2026-12-01T10:00:00Z", Optional.empty()),
                Arguments.of(3L, "2026-12-01T10:09:59Z", Optional.empty()),
                Arguments.of(4L, "2026-12-01T10:01:00Z", Optional.of(Duration.ofMinutes(9))),
                Arguments.of(4L, "2026-12-01T10:09:59Z", Optional.of(Duration.ofSeconds(1))));
    }

    @ParameterizedTest(name = "request {0} at {1}")
    @MethodSource("cases")
    void decides(long counted, String at, Optional<Duration> then) {
        assertThat(LIMIT.refuse(counted, Instant.parse(at))).isEqualTo(then);
    }
}
