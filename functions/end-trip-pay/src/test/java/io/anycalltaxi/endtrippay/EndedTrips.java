package io.anycalltaxi.endtrippay;

import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.core.testing.TripFixtures;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/** A member whose ride has just ended, and the event asking for the charge. */
final class EndedTrips {

    private EndedTrips() {
    }

    static CloudEvent endedRide(MongoOperations mongo, Trips trips) {
        String memberId = TripFixtures.member(mongo, Language.EN, "+821012345678", "+821087654321").memberId();
        Trip ended = TripFixtures.ended(trips, memberId);
        return CloudEventClient.event(EventType.TRIP_ENDED, "/functions/end-trip-pay", ended.callId(),
                new TripEnded(ended.callId(), ended.ride().distanceMeters(), ended.ride().durationSeconds(), ended.fare(),
                        ended.fareParts(), "METER", false));
    }
}
