package io.anycalltaxi.projectview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.anycalltaxi.core.events.CallOffered;
import io.anycalltaxi.core.events.CallRequested;
import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.TextSent;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.events.PaymentCompleted;
import io.anycalltaxi.core.events.PaymentFailed;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.events.TripCompleted;
import io.anycalltaxi.core.events.TripEnded;
import io.anycalltaxi.core.events.TripStarted;
import io.anycalltaxi.core.trip.TripStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The view is a function of the set of a trip's events. Delivered in any order,
 * any of them any number of times, they give the same view.
 */
class TripViewPropertiesTest {

    private static final String CALL = "call-1";
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    private static ViewEvent event(String id, EventType type, int secondsIn, int sequence, Record data) {
        return new ViewEvent(id, CALL, type, T0.plusSeconds(secondsIn), sequence, EventJson.toMap(data));
    }

    /** One trip's events: declined once, paid with a new card. */
    static List<ViewEvent> aTrip() {
        Place pickup = new Place(37.5663, 126.9779, "City Hall");
        Place dropoff = new Place(37.4979, 127.0276, "Gangnam");
        return List.of(
                event("e1", EventType.CALL_REQUESTED, 0, 1, new CallRequested(CALL, "member-1", pickup, dropoff, Money.won(15_000))),
                event("e2", EventType.CALL_OFFERED, 1, 0, new CallOffered(CALL, List.of("taxi-1", "taxi-2"))),
                event("e3", EventType.TAXI_ASSIGNED, 20, 2, new TaxiAssigned(CALL, "taxi-1", "서울12가3456", "Park", 4.5, 120)),
                event("e4", EventType.TEXT_SENT, 21, 0, new TextSent(CALL, "+82******5678", "taxi-assigned")),
                event("e5", EventType.TRIP_STARTED, 150, 3, new TripStarted(CALL, "taxi-1", T0.plusSeconds(150))),
                event("e6", EventType.TEXT_SENT, 151, 0, new TextSent(CALL, "+82******4321", "trip-started")),
                event("e7", EventType.TRIP_ENDED, 1650, 4, new TripEnded(CALL, 9_800, 1_500, Money.won(14_000),
                        new FareParts(4_800, 6_232, 3_000, 0, -32, 0, 0, 14_000, "KRW"), "METER", false)),
                event("e8", EventType.PAYMENT_FAILED, 1651, 5, new PaymentFailed(CALL, "card_declined", true, "FARE",
                        Money.won(14_000))),
                event("e9", EventType.PAYMENT_COMPLETED, 1900, 6, new PaymentCompleted(CALL, "pay-1", 14_000, "KRW", "4444", "FARE")),
                event("e10", EventType.TRIP_COMPLETED, 1901, 7, new TripCompleted(CALL, Money.won(14_000), "pay-1")),
                event("e11", EventType.TEXT_SENT, 1902, 0, new TextSent(CALL, "+82******4321", "trip-arrived")));
    }

    private static TripView fold(List<ViewEvent> events) {
        TripView view = TripView.empty(CALL);
        for (ViewEvent event : events) {
            view = view.apply(event);
        }
        return view;
    }

    @Provide
    Arbitrary<List<ViewEvent>> deliveries() {
        List<ViewEvent> trip = aTrip();
        return Arbitraries.integers().between(0, trip.size() - 1).list().ofMaxSize(10)
                .flatMap(redelivered -> {
                    List<ViewEvent> withDuplicates = new ArrayList<>(trip);
                    redelivered.forEach(index -> withDuplicates.add(trip.get(index)));
                    return Arbitraries.shuffle(withDuplicates);
                });
    }

    @Property(tries = 500)
    void anyOrderAndAnyRedeliveryGiveTheSameView(@ForAll("deliveries") List<ViewEvent> delivered) {
        assertThat(fold(delivered)).isEqualTo(fold(aTrip()));
    }

    @Example
    void theViewShowsEveryStage() {
        TripView view = fold(aTrip());

        assertThat(view.status()).isEqualTo(TripStatus.COMPLETED);
        assertThat(view.payment().status()).isEqualTo("PAID");
        assertThat(view.payment().cardLast4()).isEqualTo("4444");
        assertThat(view.timeline()).extracting(TripView.Stage::type).containsExactly("call.requested", "call.offered",
                "taxi.assigned", "text.sent", "trip.started", "text.sent", "trip.ended", "payment.failed",
                "payment.completed", "trip.completed", "text.sent");
        assertThat(view.notifications()).extracting(TripView.Notice::kind)
                .containsExactly("taxi-assigned", "trip-started", "trip-arrived");
    }

    @Example
    void aLateAssignmentDoesNotMoveTheStatusBack() {
        List<ViewEvent> trip = aTrip();
        TripView started = fold(List.of(trip.get(0), trip.get(4)));
        assertThat(started.status()).isEqualTo(TripStatus.STARTED);

        TripView afterLateAssignment = started.apply(trip.get(2));

        assertThat(afterLateAssignment.status()).isEqualTo(TripStatus.STARTED);
        assertThat(afterLateAssignment.taxi().taxiNumber()).as("its details still count").isEqualTo("서울12가3456");
    }

    @Example
    void aPositionReportIsNotATripEvent() {
        TripView view = fold(aTrip());
        ViewEvent keptByAnEarlierVersion = new ViewEvent("position-" + CALL, CALL, EventType.DRIVER_LOCATION_REPORTED,
                T0.plusSeconds(60), 0, EventJson.toMap(new LocationReported("taxi-1", 37.56, 127.0, true)));

        assertThat(view.apply(keptByAnEarlierVersion)).isSameAs(view);
    }
}
