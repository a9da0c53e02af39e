package io.anycalltaxi.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.testing.Places;

/** A member of the public, with a fresh phone number, signed in, calling taxis through the gateway. */
public final class Rider {

    private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000_000));
    private static final AtomicInteger RIDERS = new AtomicInteger();

    public final String memberId;
    public final String phone;
    public final String friendPhone;
    /** The API as this member: with the member's bearer token. */
    public final Api api;

    private Rider(Api api, String memberId, String phone, String friendPhone) {
        this.api = api;
        this.memberId = memberId;
        this.phone = phone;
        this.friendPhone = friendPhone;
    }

    /** A Korean mobile number no other test uses (010 + 8 digits). */
    public static String freshPhone() {
        return String.format("010%08d", PHONES.incrementAndGet() % 100_000_000);
    }

    public static Rider signUp(Api api) {
        return signUp(api, "4242424242424242");
    }

    /** Signs in with a fresh phone (a code by SMS), then signs up with that phone's sign-up token. */
    public static Rider signUp(Api api, String cardNumber) {
        return signUp(api, SharedStack.stack().smsRecorder(), cardNumber);
    }

    /** As {@link #signUp(Api, String)}, on a stack of its own (its gateway, and the SMS recorder to read codes from). */
    public static Rider signUp(Api api, URI smsRecorder, String cardNumber) {
        return signUp(api, smsRecorder, cardNumber, "en");
    }

    /** A member who reads messages in this language ({@code ko} or {@code en}). */
    public static Rider signUpIn(String language) {
        return signUp(Api.gateway(), SharedStack.stack().smsRecorder(), "4242424242424242", language);
    }

    private static Rider signUp(Api api, URI smsRecorder, String cardNumber, String language) {
        String phone = freshPhone();
        String friendPhone = freshPhone();
        Api signingUp = api.as(SignIn.accessToken(api, smsRecorder, phone));
        Api.Response signedUp = signingUp.post("/members", Map.of("name", "Rider " + RIDERS.incrementAndGet(),
                "phone", phone, "friendPhone", friendPhone, "language", language,
                "card", Map.of("number", cardNumber, "expMonth", 12, "expYear", 2035, "cvc", "123")));
        assertThat(signedUp.status()).as(signedUp.body().toString()).isEqualTo(201);
        return new Rider(api.as(signedUp.text("access_token")), signedUp.text("memberId"), phone, friendPhone);
    }

    /** @return the callId */
    public String call(Place pickup, Place dropoff) {
        Api.Response called = api.post("/calls", Map.of("pickup", pickup, "dropoff", dropoff));
        assertThat(called.status()).as(called.body().toString()).isEqualTo(201);
        return called.text("callId");
    }

    /** Masked as the system shows it: country code, stars, last four digits. */
    public static String masked(String koreanMobile) {
        String e164 = "+82" + koreanMobile.substring(1);
        return e164.substring(0, 3) + "*".repeat(e164.length() - 7) + e164.substring(e164.length() - 4);
    }

    /** A place no other test uses: taxis of other tests are never nearby. */
    public static Place somewhere() {
        return Places.fresh();
    }

    public static Place near(Place place, double metersNorth) {
        return Places.north(place, metersNorth);
    }
}
