package io.anycalltaxi.projectview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.anycalltaxi.core.events.CallCancelled;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.TripStatus;

/** The view's status is the trip's: given a call and what became of it, when the view applies it, then its status. */
class TripViewStatusTest {

    private static final String CALL = "call-status";
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Place PLACE = new Place(37.5663, 126.9779, "Seoul City Hall");

    private static ViewEvent event(String id, EventType type, int sequence, Record data) {
        return new ViewEvent(id, CALL, type, T0.plusSeconds(sequence), sequence, EventJson.toMap(data));
    }

    private static TripView cancelledWithAFee() {
        return TripView.empty(CALL)
                .apply(event("e1", EventType.CALL_REQUESTED, 1,
                        new CallRequested(CALL, "member-1", PLACE, PLACE, Money.won(10_000))))
                .apply(event("e2", EventType.CALL_CANCELLED, 2, new CallCancelled(CALL, "late", "taxi-1", Money.won(2_000))));
    }

    @Test
    void aFeeThatFailsLeavesTheCallCancelled() {
        TripView view = cancelledWithAFee().apply(event("e3", EventType.PAYMENT_FAILED, 3,
                new PaymentFailed(CALL, "card_declined", true, "CANCEL_FEE", Money.won(2_000))));

        assertThat(view.status()).isEqualTo(TripStatus.CANCELLED);
    }

    @Test
    void aFareThatFailsLeavesTheTripPaymentFailed() {
        TripView view = cancelledWithAFee().apply(event("e3", EventType.PAYMENT_FAILED, 3,
                new PaymentFailed(CALL, "card_declined", true, "FARE", Money.won(2_000))));

        assertThat(view.status()).isEqualTo(TripStatus.PAYMENT_FAILED);
    }
}
