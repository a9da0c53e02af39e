package io.anycalltaxi.registermember;

import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;

import io.anycalltaxi.core.card.CardDetails;

/** A card as typed in a form; never stored, never logged ({@link #toString()} masks it). */
public record CardForm(String number, Integer expMonth, Integer expYear, String cvc) {

    private static final Pattern DIGITS = Pattern.compile("\\d{12,19}");
    private static final Pattern CVC = Pattern.compile("\\d{3,4}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    /** Adds what is wrong with the card to {@code errors}, under {@code prefix.field}. */
    void validate(String prefix, YearMonth now, Map<String, String> errors) {
        String digits = digits();
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            errors.put(prefix + "number", "must be 12 to 19 digits");
        } else if (!Luhn.isValid(digits)) {
            errors.put(prefix + "number", "is not a valid card number (check digit)");
        }
        if (expMonth == null || expMonth < 1 || expMonth > 12) {
            errors.put(prefix + "expMonth", "must be 1 to 12");
        }
        if (expYear == null || expYear < 2000 || expYear > 2100) {
            errors.put(prefix + "expYear", "must be a four-digit year");
        } else if (expMonth != null && expMonth >= 1 && expMonth <= 12 && YearMonth.of(expYear, expMonth).isBefore(now)) {
            errors.put(prefix + "expYear", "the card has expired");
        }
        if (cvc == null || !CVC.matcher(cvc).matches()) {
            errors.put(prefix + "cvc", "must be 3 or 4 digits");
        }
    }

    CardDetails details() {
        return new CardDetails(digits(), expMonth, expYear, cvc);
    }

    private String digits() {
        return number == null ? null : SEPARATORS.matcher(number).replaceAll("");
    }

    @Override
    public String toString() {
        String digits = digits();
        return "CardForm[" + (digits == null || digits.length() < 4 ? "?" : "**** " + digits.substring(digits.length() - 4))
                + "]";
    }
}
