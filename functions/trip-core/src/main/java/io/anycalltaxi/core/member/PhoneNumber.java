package io.anycalltaxi.core.member;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164. Korean mobile numbers as people type them (010-1234-5678) are
 * normalised to +821012345678. Logs and events only ever see {@link #masked()}.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern KOREAN_MOBILE = Pattern.compile("01[016789]\\d{7,8}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number");
        }
    }

    public static Optional<PhoneNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(input.trim()).replaceAll("");
        if (E164.matcher(digits).matches()) {
            return Optional.of(new PhoneNumber(digits));
        }
        if (KOREAN_MOBILE.matcher(digits).matches()) {
            return Optional.of(new PhoneNumber("+82" + digits.substring(1)));
        }
        return Optional.empty();
    }

    /** Country code and last four digits: +82*******5678. */
    public String masked() {
        return e164.substring(0, 3) + "*".repeat(e164.length() - 7) + e164.substring(e164.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
