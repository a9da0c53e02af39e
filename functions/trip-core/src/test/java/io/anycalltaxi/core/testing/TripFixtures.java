package io.anycalltaxi.core.testing;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDocument;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;

/** Members and trips as the earlier steps leave them in MongoDB, for a function's own tests. */
public final class TripFixtures {

    public static final String TAXI_ID = "taxi-1";
    public static final String TAXI_NUMBER = "서울12가3456";
    public static final String DRIVER = "Park Minsu";

    private TripFixtures() {
    }

    public static Member member(MongoOperations mongo, Language language, String phone, String friendPhone) {
        Member member = new Member("member-" + UUID.randomUUID(), "Jiwoo Kim", phone, friendPhone, language,
                new CardOnFile("tok_local_visa_4242_abcdef12", "visa", "4242", 12, 2035), Instant.now());
        mongo.insert(MemberDocument.of(member));
        return member;
    }

    /** Boarded: assigned to {@link #TAXI_ID}, started. */
    public static Trip started(Trips trips, String memberId) {
        Place pickup = Places.fresh();
        Trip started = Trip.request(UUID.randomUUID().toString(), memberId,
                new Place(pickup.lat(), pickup.lng(), "Seoul City Hall"), new Place(pickup.lat() + 0.08, pickup.lng(),
                        "Gangnam Station"), Money.won(15_000), cause())
                .assign(TAXI_ID, TAXI_NUMBER, DRIVER, 60, cause())
                .start(TAXI_ID, Instant.now(), cause());
        return trips.createAndQueue(started);
    }

    /** Alighted after 9.8 km and 25 minutes, the fare 14,000 won: waiting for the charge. */
    public static Trip ended(Trips trips, String memberId) {
        Trip started = started(trips, memberId);
        return trips.change(started.callId(), cause(),
                trip -> trip.end(TAXI_ID, Instant.now(), 9_800, 1_500,
                        new FareParts(4_800, 6_400, 2_800, 0, 0, 0, 0, 14_000, "KRW"), "METER", null, cause())).trip();
    }

    private static Cause cause() {
        return new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), Instant.now());
    }
}
