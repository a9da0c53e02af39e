package io.anycalltaxi.assigntaxi.handlers;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.assigntaxi.store.Dispatches;
import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/** F3: a cancelled call is no longer offered to anyone, and the taxi that was on its way is free at once. */
@Component
@HandlesEvent(EventType.CALL_CANCELLED)
public class WithdrawOffers implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Dispatches dispatches;
    private final Fleet fleet;

    public WithdrawOffers(EventData data, Dispatches dispatches, Fleet fleet) {
        this.data = data;
        this.dispatches = dispatches;
        this.fleet = fleet;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        CallCancelled cancelled = data.read(event, CallCancelled.class);
        dispatches.close(cancelled.callId());
        if (cancelled.taxiId() != null) {
            fleet.release(cancelled.taxiId(), cancelled.callId());
        }
        return null;
    }
}
