package io.anycalltaxi.assigntaxi;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;

/** F3: a cancelled call is no longer offered to anyone. */
@Component
@HandlesEvent(EventType.CALL_CANCELLED)
public class WithdrawOffers implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final Dispatches dispatches;

    public WithdrawOffers(EventData data, Dispatches dispatches) {
        this.data = data;
        this.dispatches = dispatches;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        dispatches.close(data.read(event, CallCancelled.class).callId());
        return null;
    }
}
