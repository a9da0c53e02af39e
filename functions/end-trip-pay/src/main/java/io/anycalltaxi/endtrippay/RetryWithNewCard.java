package io.anycalltaxi.endtrippay;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.MemberCardUpdated;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.Trips;
import io.cloudevents.CloudEvent;

/**
 * The member replaced a declined card: every trip of theirs waiting in PAYMENT_FAILED is charged
 * again, and the outcome published (a member may have several, so there is no single reply).
 */
@Component
@HandlesEvent(EventType.MEMBER_CARD_UPDATED)
public class RetryWithNewCard implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final EventFactory events;
    private final Trips trips;
    private final Checkout checkout;
    private final Clock clock;

    public RetryWithNewCard(EventData data, EventFactory events, Trips trips, Checkout checkout, Clock clock) {
        this.data = data;
        this.events = events;
        this.trips = trips;
        this.checkout = checkout;
        this.clock = clock;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        MemberCardUpdated updated = data.read(event, MemberCardUpdated.class);
        for (Trip waiting : trips.ofMember(updated.memberId(), TripStatus.PAYMENT_FAILED)) {
            checkout.chargeAndPublish(waiting.callId(),
                    events.cause(event.getId() + "/" + waiting.callId(), clock.instant()));
        }
        return null;
    }
}
