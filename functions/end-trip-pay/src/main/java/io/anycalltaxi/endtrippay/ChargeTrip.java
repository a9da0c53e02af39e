package io.anycalltaxi.endtrippay;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/**
 * N1: what a trip owes is charged as soon as it is owed: the fare once the ride ended, a fee once
 * a call was cancelled late or the passenger did not show. The outcome is published by the trip's
 * outbox ({@code payment.completed}, {@code payment.failed}); while payment cannot be reached the
 * answer is 503 and the broker redelivers, the reserved attempt waiting to be asked about again.
 */
@Component
@HandlesEvent({ EventType.TRIP_ENDED, EventType.CALL_CANCELLED, EventType.CALL_NOSHOW })
public class ChargeTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Checkout checkout;

    public ChargeTrip(EventData data, Checkout checkout) {
        this.data = data;
        this.checkout = checkout;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        checkout.settle(data.readAboutCall(event).callId());
        return null;
    }
}
