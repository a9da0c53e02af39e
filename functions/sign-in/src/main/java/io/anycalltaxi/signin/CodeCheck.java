package io.anycalltaxi.signin;

import java.time.Instant;

/**
 * Whether a presented sign-in code proves the phone: a code is good once, for a few minutes, and
 * only for a few tries; the try that exceeds them fails even with the right code.
 */
public final class CodeCheck {

    private CodeCheck() {
    }

    public enum Outcome { PROVED, WRONG, EXPIRED, BURNT, NONE }

    /**
     * @param code          the phone's current code, after this try was counted; null if it has none
     * @param now           when the code was presented
     * @param matches       whether the presented code is the stored one
     */
    public static Outcome decide(CodeState code, Instant now, boolean matches) {
        if (code == null) {
            return Outcome.NONE;
        }
        if (code.used() || code.attemptsLeft() < 0) {
            return Outcome.BURNT;
        }
        if (!now.isBefore(code.expiresAt())) {
            return Outcome.EXPIRED;
        }
        return matches ? Outcome.PROVED : Outcome.WRONG;
    }

    /**
     * @param attemptsLeft tries left once this one is counted: negative when this try was one too many
     */
    public record CodeState(Instant expiresAt, int attemptsLeft, boolean used) {
    }
}
