package io.anycalltaxi.starttrip;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PassengerNoShow;
import io.anycalltaxi.core.trip.TripRefusal;
import io.anycalltaxi.core.trip.TripStatus;
import io.cloudevents.CloudEvent;

/**
 * The passenger did not come to the taxi waiting at the pickup. Allowed after the no-show wait
 * ({@link NoShowRule}); the call ends NO_SHOW, the fee is charged and the taxi is free, by the
 * answer {@code call.noshow}. Before the wait is over it is refused (422) and nothing changes.
 */
@Component
@HandlesEvent(EventType.DRIVER_PASSENGER_NOSHOW)
public class ReportNoShow implements Function<CloudEvent, CloudEvent> {

    private final TripTransitions transitions;
    private final NoShowRule.Policy policy;

    public ReportNoShow(TripTransitions transitions, @Value("${anycalltaxi.fees.no-show-wait}") Duration wait,
            @Value("${anycalltaxi.fees.no-show-fee}") long fee, @Value("${anycalltaxi.fees.currency}") String currency) {
        this.transitions = transitions;
        this.policy = new NoShowRule.Policy(wait, new Money(fee, currency));
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        return transitions.applyFromDriver(event, PassengerNoShow.class, (noShow, cause) -> trip -> {
            if (!trip.isAssignedTo(noShow.taxiId()) || trip.status() != TripStatus.ASSIGNED) {
                return trip.noShow(noShow.taxiId(), null, cause); // refused: not this taxi's, or not waiting
            }
            NoShowRule.Decision decision = NoShowRule.decide(trip.taxi().arrivedAt(), transitions.receivedAt(event),
                    policy);
            if (!decision.allowed()) {
                throw TripRefusal.tooEarly(trip.status(), "call " + trip.callId() + ": " + decision.tooEarly());
            }
            return trip.noShow(noShow.taxiId(), decision.fee(), cause);
        });
    }
}
