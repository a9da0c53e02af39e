package io.anycalltaxi.endtrippay;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.cloudevents.EventData;
import io.anycalltaxi.core.cloudevents.HandlesEvent;
import io.anycalltaxi.core.cloudevents.TripTransitions;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.promotion.Promotions;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * N1: a trip whose fare is paid completes, and only such a trip; the promotion it was discounted with is used up.
 * Answers {@code trip.completed}.
 */
@Component
@HandlesEvent(EventType.PAYMENT_COMPLETED)
public class CompleteTrip implements Function<CloudEvent, CloudEvent> {

    private final EventData data;
    private final TripTransitions transitions;
    private final Trips trips;
    private final Promotions promotions;
    private final CheckoutMeters meters;

    public CompleteTrip(EventData data, TripTransitions transitions, Trips trips, Promotions promotions,
            CheckoutMeters meters) {
        this.meters = meters;
        this.data = data;
        this.transitions = transitions;
        this.trips = trips;
        this.promotions = promotions;
    }

    @Override
    public CloudEvent apply(CloudEvent event) {
        if (!ChargeAttempt.Purpose.FARE.name().equals(data.read(event, PaymentCompleted.class).purpose())) {
            return null; // a fee paid: the call is over already
        }
        TripTransitions.Answered completed = transitions.answer(event, PaymentCompleted.class,
                (paid, cause) -> trip -> trip.complete(cause));
        if (!completed.change().replayed()) {
            meters.completed(completed.change().trip().fare());
        }
        trips.find(completed.reply().getSubject()).filter(trip -> trip.discount() != null)
                .ifPresent(trip -> promotions.used(trip.discount().code(), trip.callId()));
        return completed.reply();
    }
}
