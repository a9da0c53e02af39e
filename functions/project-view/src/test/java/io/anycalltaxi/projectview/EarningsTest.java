package io.anycalltaxi.projectview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.anycalltaxi.core.events.Money;

/** Given the fares of a driver's paid rides, when they are added up, then the day's earnings. */
class EarningsTest {

    private static Money won(long amount) {
        return new Money(amount, "KRW");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no ride yet", List.of(), null),
                Arguments.of("one ride", List.of(won(14_000)), won(14_000)),
                Arguments.of("three rides", List.of(won(14_000), won(4_800), won(23_100)), won(41_900)),
                Arguments.of("a ride without a fare yet", Arrays.asList(won(4_800), null), won(4_800)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void addsUpTheFares(String given, List<Money> fares, Money earnings) {
        assertThat(Earnings.of(fares)).isEqualTo(earnings);
    }

    @Test
    void neverAddsTwoCurrencies() {
        assertThatThrownBy(() -> Earnings.of(List.of(won(4_800), new Money(10, "USD"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
