package io.anycalltaxi.endtrippay;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.Trips;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/** A member whose ride has just ended, as the earlier steps would have left it in MongoDB. */
final class EndedTrips {

    private EndedTrips() {
    }

    /** @return the {@code trip.ended} event that asks for the charge */
    static CloudEvent endedRide(MongoOperations mongo, Trips trips) {
        String memberId = "member-" + UUID.randomUUID();
        mongo.insert(new Member(memberId, "Rider", "+821012345678", "+821087654321", Language.EN,
                new CardOnFile("tok_local_visa_4242_abcdef12", "visa", "4242", 12, 2035), Instant.now()));
        String callId = UUID.randomUUID().toString();
        Place pickup = Places.fresh();
        Trip ended = Trip.request(callId, memberId, pickup, Places.north(pickup, 9_000), Money.won(15_000), cause())
                .assign("taxi-1", "서울12가3456", "Park", 60, cause())
                .start("taxi-1", cause())
                .end("taxi-1", 9_800, 1_500, Money.won(14_000), cause());
        trips.createAndQueue(ended);
        return CloudEventClient.event(EventType.TRIP_ENDED, "/functions/end-trip-pay", callId,
                new TripEnded(callId, 9_800, 1_500, Money.won(14_000)));
    }

    private static Cause cause() {
        return new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), Instant.now());
    }
}
