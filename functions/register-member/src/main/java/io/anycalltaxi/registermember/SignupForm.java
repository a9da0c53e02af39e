package io.anycalltaxi.registermember;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.web.InvalidRequest;

/** F0: what a new member fills in. */
public record SignupForm(String name, String phone, String friendPhone, CardForm card, String language) {

    static final int MAX_NAME = 50;

    /** @throws InvalidRequest naming every invalid field */
    Signup validate(YearMonth now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "must not be blank");
        } else if (name.strip().length() > MAX_NAME) {
            errors.put("name", "must be at most " + MAX_NAME + " characters");
        }
        PhoneNumber own = PhoneNumber.parse(phone).orElse(null);
        if (own == null) {
            errors.put("phone", "must be an E.164 number (+821012345678) or a Korean mobile number (010-1234-5678)");
        }
        PhoneNumber friend = PhoneNumber.parse(friendPhone).orElse(null);
        if (friend == null) {
            errors.put("friendPhone", "must be an E.164 number (+821012345678) or a Korean mobile number (010-1234-5678)");
        } else if (friend.equals(own)) {
            errors.put("friendPhone", "must be someone else's number than phone");
        }
        if (card == null) {
            errors.put("card", "is required");
        } else {
            card.validate("card.", now, errors);
        }
        Language lang = null;
        if (language == null || language.isBlank()) {
            lang = Language.KO;
        } else {
            try {
                lang = Language.valueOf(language.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("language", "must be ko or en");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new Signup(name.strip(), own, friend, card, lang);
    }

    record Signup(String name, PhoneNumber phone, PhoneNumber friendPhone, CardForm card, Language language) {
    }
}
