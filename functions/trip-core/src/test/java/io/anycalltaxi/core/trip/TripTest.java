package io.anycalltaxi.core.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;

class TripTest {

    private static final Place CITY_HALL = new Place(37.5663, 126.9779, "Seoul City Hall");
    private static final Place GANGNAM = new Place(37.4979, 127.0276, "Gangnam Station");
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    private static Cause cause() {
        return new Cause(UUID.randomUUID().toString(), URI.create("/functions/test"), NOW);
    }

    private static Trip requested() {
        return Trip.request("call-1", "member-1", CITY_HALL, GANGNAM, Money.won(12_000), cause());
    }

    private static Trip started() {
        return requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause()).start("taxi-1", cause());
    }

    @Test
    void aWholeTripEmitsItsEventsInSequence() {
        Trip trip = started()
                .end("taxi-1", 9_000, 1_200, Money.won(15_000), cause())
                .paid(Charge.approved("pay-1", 15_000, "KRW", "tok-1", "4242"), cause())
                .complete(cause());

        assertThat(trip.status()).isEqualTo(TripStatus.COMPLETED);
        assertThat(trip.events()).extracting(TripEvent::type).containsExactly(
                EventType.CALL_REQUESTED.type(), EventType.TAXI_ASSIGNED.type(), EventType.TRIP_STARTED.type(),
                EventType.TRIP_ENDED.type(), EventType.PAYMENT_COMPLETED.type(), EventType.TRIP_COMPLETED.type());
        assertThat(trip.events()).extracting(TripEvent::sequence).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(trip.events().get(5).data()).containsEntry("paymentId", "pay-1");
    }

    @Test
    void boardingBeforeAssignmentIsRefused() {
        Trip trip = requested();

        assertThatThrownBy(() -> trip.start("taxi-1", cause()))
                .isInstanceOfSatisfying(TripRefusal.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.ILLEGAL_TRANSITION);
                    assertThat(refusal.status()).isEqualTo(TripStatus.REQUESTED);
                });
    }

    @Test
    void alightingBeforeBoardingIsRefused() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.end("taxi-1", 1_000, 60, Money.won(4_800), cause()))
                .isInstanceOf(TripRefusal.class)
                .hasMessageContaining("ASSIGNED");
    }

    @Test
    void anotherDriverCannotActOnTheTrip() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.start("taxi-2", cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.WRONG_DRIVER));
    }

    @Test
    void aCallCanBeCancelledOnlyWhileNoTaxiIsAssigned() {
        assertThat(requested().cancel("changed my mind", cause()).status()).isEqualTo(TripStatus.CANCELLED);

        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());
        assertThatThrownBy(() -> assigned.cancel("too late", cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aSecondAssignmentIsRefused() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.assign("taxi-2", "서울99가0000", "Lee", 60, cause()))
                .isInstanceOf(TripRefusal.class);
    }

    @Test
    void aTripCompletesOnlyOncePaid() {
        Trip ended = started().end("taxi-1", 9_000, 1_200, Money.won(15_000), cause());

        assertThatThrownBy(() -> ended.complete(cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aDeclinedCardLeavesTheTripWaitingUntilANewCardIsCharged() {
        Trip ended = started().end("taxi-1", 9_000, 1_200, Money.won(15_000), cause());
        assertThat(ended.chargeAttempt()).isEqualTo(1);

        Trip declined = ended.declined(Charge.declined(15_000, "KRW", "tok-1", "0002", "card_declined"), cause());
        assertThat(declined.status()).isEqualTo(TripStatus.PAYMENT_FAILED);
        assertThat(declined.chargeAttempt()).isEqualTo(2);

        Trip declinedAgain = declined.declined(Charge.declined(15_000, "KRW", "tok-1", "0002", "card_declined"), cause());
        assertThat(declinedAgain.status()).isEqualTo(TripStatus.PAYMENT_FAILED);

        Trip completed = declinedAgain.paid(Charge.approved("pay-2", 15_000, "KRW", "tok-2", "4242"), cause()).complete(cause());
        assertThat(completed.status()).isEqualTo(TripStatus.COMPLETED);
    }

    @Test
    void aPaidTripCannotBeChargedAgain() {
        Trip paid = started().end("taxi-1", 9_000, 1_200, Money.won(15_000), cause())
                .paid(Charge.approved("pay-1", 15_000, "KRW", "tok-1", "4242"), cause());

        assertThatThrownBy(() -> paid.paid(Charge.approved("pay-2", 15_000, "KRW", "tok-2", "4242"), cause()))
                .isInstanceOf(TripRefusal.class);
    }

    @Test
    void eventIdsDeriveFromTheirCauseSoARedeliveryYieldsTheSameIds() {
        Cause boarding = cause();
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        TripEvent first = assigned.start("taxi-1", boarding).eventsCausedBy(boarding.id()).get(0);
        TripEvent again = assigned.start("taxi-1", boarding).eventsCausedBy(boarding.id()).get(0);

        assertThat(first.id()).isEqualTo(again.id());
        assertThat(first.causationId()).isEqualTo(boarding.id());
    }

    @Test
    void theStatusNeverMovesBackwards() {
        for (TripStatus from : TripStatus.values()) {
            for (TripStatus to : from.next()) {
                assertThat(to.ordinal()).as(from + " -> " + to).isGreaterThan(from.ordinal());
            }
        }
    }

    private static Trip completed() {
        return started().end("taxi-1", 9_000, 1_200, Money.won(15_000), cause())
                .paid(Charge.approved("pay-1", 15_000, "KRW", "tok-1", "4242"), cause())
                .complete(cause());
    }

    @Test
    void theMemberWhoRodeReviewsACompletedTripOnce() {
        Trip reviewed = completed().review("member-1", 4, "smooth", cause());

        assertThat(reviewed.review().rating()).isEqualTo(4);
        assertThat(reviewed.events().get(reviewed.events().size() - 1).type()).isEqualTo(EventType.TRIP_REVIEWED.type());
        assertThatThrownBy(() -> reviewed.review("member-1", 5, "again", cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.ILLEGAL_TRANSITION));
    }

    @Test
    void onlyTheMemberWhoRodeReviewsAndOnlyOnceCompleted() {
        assertThatThrownBy(() -> completed().review("member-2", 5, "", cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.NOT_THE_MEMBER));
        assertThatThrownBy(() -> started().review("member-1", 5, "", cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.ILLEGAL_TRANSITION));
    }

    @Test
    void aDiscountTakenWithTheCallLowersTheFareCharged() {
        Trip discounted = Trip.request("call-2", "member-1", CITY_HALL, GANGNAM, Money.won(10_800),
                new Discount("P-1", 10), cause())
                .assign("taxi-1", "서울12가3456", "Kim", 120, cause())
                .start("taxi-1", cause())
                .end("taxi-1", 9_000, 1_200, Money.won(14_050), cause());

        assertThat(discounted.fare()).as("14050 less 10% is 12645, rounded down to 12600").isEqualTo(Money.won(12_600));
        assertThat(discounted.events().get(3).data()).containsEntry("fare", Map.of("amount", 12_600L, "currency", "KRW"));
    }
}
