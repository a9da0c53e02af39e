package io.anycalltaxi.endtrippay;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.MemberCardUpdated;
import io.anycalltaxi.core.trip.Trip;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * The member replaced a declined card: every trip of theirs with a declined fare or fee is charged
 * again, and the outcome published (a member may have several, so there is no single reply).
 */
@Component
@HandlesEvent(EventType.MEMBER_CARD_UPDATED)
public class RetryWithNewCard implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Trips trips;
    private final Checkout checkout;

    public RetryWithNewCard(EventData data, Trips trips, Checkout checkout) {
        this.data = data;
        this.trips = trips;
        this.checkout = checkout;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        MemberCardUpdated updated = data.read(event, MemberCardUpdated.class);
        for (Trip declined : trips.declinedOf(updated.memberId())) {
            checkout.settle(declined.callId());
        }
        return null;
    }
}
