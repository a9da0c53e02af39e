package io.anycalltaxi.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.anycalltaxi.signin.CodeCheck.CodeState;
import io.anycalltaxi.signin.CodeCheck.Outcome;

/** Given the phone's code after this try was counted, when a code is presented, then the outcome. */
class CodeCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no code was sent", null, true, Outcome.NONE),
                Arguments.of("the right code, first try", new CodeState(LATER, 4, false), true, Outcome.PROVED),
                Arguments.of("the right code, fifth try", new CodeState(LATER, 0, false), true, Outcome.PROVED),
                Arguments.of("the right code, sixth try", new CodeState(LATER, -1, false), true, Outcome.BURNT),
                Arguments.of("a wrong code", new CodeState(LATER, 3, false), false, Outcome.WRONG),
                Arguments.of("the right code, used before", new CodeState(LATER, 3, true), true, Outcome.BURNT),
                Arguments.of("the right code, expired", new CodeState(NOW, 3, false), true, Outcome.EXPIRED),
                Arguments.of("a wrong code, expired", new CodeState(NOW.minusSeconds(1), 3, false), false, Outcome.EXPIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String given, CodeState code, boolean matches, Outcome then) {
        assertThat(CodeCheck.decide(code, NOW, matches)).isEqualTo(then);
    }
}
