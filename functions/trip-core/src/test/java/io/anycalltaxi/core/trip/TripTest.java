package io.anycalltaxi.core.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.FareParts;
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
        return requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause()).start("taxi-1", NOW, cause());
    }

    @Test
    void aWholeTripEmitsItsEventsInSequence() {
        Trip trip = paid(started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause()))
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

        assertThatThrownBy(() -> trip.start("taxi-1", NOW, cause()))
                .isInstanceOfSatisfying(TripRefusal.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.ILLEGAL_TRANSITION);
                    assertThat(refusal.status()).isEqualTo(TripStatus.REQUESTED);
                });
    }

    @Test
    void alightingBeforeBoardingIsRefused() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.end("taxi-1", NOW, 1_000, 60, fare(4_800), "METER", null, cause()))
                .isInstanceOf(TripRefusal.class)
                .hasMessageContaining("ASSIGNED");
    }

    @Test
    void anotherDriverCannotActOnTheTrip() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.start("taxi-2", NOW, cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.WRONG_DRIVER));
    }

    @Test
    void aCallIsCancelledBeforeBoardingOnlyAndAFeeIsOwedWhenOneIsSet() {
        assertThat(requested().cancel("changed my mind", null, cause()).owed()).isEmpty();

        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());
        Trip cancelled = assigned.cancel("late", Money.won(2_000), cause());
        assertThat(cancelled.status()).isEqualTo(TripStatus.CANCELLED);
        assertThat(cancelled.owed()).contains(new Due(ChargeAttempt.Purpose.CANCEL_FEE, Money.won(2_000)));
        assertThat(cancelled.events().get(cancelled.events().size() - 1).data()).containsEntry("taxiId", "taxi-1");
        assertThatThrownBy(() -> started().cancel("too late", null, cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aTaxiThatLeavesTheCallBeforeBoardingReopensItOnlyItself() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        Trip reopened = assigned.reopen("taxi-1", "given-back: flat tyre", cause());
        assertThat(reopened.status()).isEqualTo(TripStatus.REQUESTED);
        assertThat(reopened.taxi()).isNull();
        assertThat(reopened.assign("taxi-2", "서울99가0000", "Lee", 60, cause()).status()).isEqualTo(TripStatus.ASSIGNED);
        assertThatThrownBy(() -> assigned.reopen("taxi-2", "not mine", cause()))
                .isInstanceOfSatisfying(TripRefusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(TripRefusal.Reason.WRONG_DRIVER));
        assertThatThrownBy(() -> started().reopen("taxi-1", "too late", cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aTaxiArrivesOnceAndOnlyANoShowAfterwardsOwesTheFee() {
        Trip arrived = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause()).arrive("taxi-1", NOW, cause());
        assertThat(arrived.taxi().arrivedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> arrived.arrive("taxi-1", NOW, cause())).isInstanceOf(TripRefusal.class);

        Trip noShow = arrived.noShow("taxi-1", Money.won(3_000), cause());
        assertThat(noShow.status()).isEqualTo(TripStatus.NO_SHOW);
        assertThat(noShow.owed()).contains(new Due(ChargeAttempt.Purpose.NO_SHOW_FEE, Money.won(3_000)));
    }

    @Test
    void aChargeIsReservedBeforePaymentIsAskedAndAnUnknownOutcomeBlocksAnyOther() {
        Trip ended = started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause());
        ChargeAttempt first = ChargeAttempt.reserve(ended.nextAttemptId(), ChargeAttempt.Purpose.FARE,
                Money.won(15_000), "tok-1", "4242", NOW);
        Trip reserved = ended.reserve(first);

        assertThat(reserved.moneyOpen()).isTrue();
        assertThat(reserved.checkout("tok-2")).isEqualTo(new CheckoutDecision.Reconcile(first));
        assertThatThrownBy(() -> reserved.reserve(ChargeAttempt.reserve(reserved.nextAttemptId(),
                ChargeAttempt.Purpose.FARE, Money.won(15_000), "tok-2", "4444", NOW))).isInstanceOf(TripRefusal.class);

        Trip unknown = reserved.settle(first.id(), ChargeAttempt.State.UNKNOWN, null, "processing", cause());
        assertThat(unknown.checkout("tok-2")).isInstanceOf(CheckoutDecision.Reconcile.class);
        assertThat(unknown.events()).hasSameSizeAs(ended.events());

        Trip paid = unknown.settle(first.id(), ChargeAttempt.State.APPROVED, "pay-1", null, cause());
        assertThat(paid.payment()).map(ChargeAttempt::paymentId).contains("pay-1");
        assertThat(paid.moneyOpen()).isFalse();
        assertThat(paid.events().get(paid.events().size() - 1).data()).containsEntry("purpose", "FARE");
        assertThat(paid.complete(cause()).status()).isEqualTo(TripStatus.COMPLETED);
    }

    @Test
    void onlyARideThatStartedIsVoidedAndThenNothingIsOwed() {
        Trip started = started();
        Trip voided = started.voidRide("never ended", cause());
        assertThat(voided.status()).isEqualTo(TripStatus.VOIDED);
        assertThat(voided.owed()).isEmpty();
        assertThatThrownBy(() -> requested().voidRide("nothing to void", cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aSecondAssignmentIsRefused() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        assertThatThrownBy(() -> assigned.assign("taxi-2", "서울99가0000", "Lee", 60, cause()))
                .isInstanceOf(TripRefusal.class);
    }

    @Test
    void aTripCompletesOnlyOncePaid() {
        Trip ended = started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause());

        assertThatThrownBy(() -> ended.complete(cause())).isInstanceOf(TripRefusal.class);
    }

    @Test
    void aDeclinedCardLeavesTheTripWaitingUntilANewCardIsCharged() {
        Trip ended = started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause());

        Trip declined = settle(ended, "tok-1", ChargeAttempt.State.DECLINED, null);
        assertThat(declined.status()).isEqualTo(TripStatus.PAYMENT_FAILED);
        assertThat(declined.checkout("tok-1")).isInstanceOf(CheckoutDecision.AwaitCard.class);
        assertThat(declined.checkout("tok-2")).isInstanceOf(CheckoutDecision.Charge.class);

        Trip completed = settle(declined, "tok-2", ChargeAttempt.State.APPROVED, "pay-2").complete(cause());
        assertThat(completed.status()).isEqualTo(TripStatus.COMPLETED);
        assertThat(completed.charges()).extracting(ChargeAttempt::id).containsExactly("call-1#1", "call-1#2");
    }

    @Test
    void aPaidTripCannotBeChargedAgain() {
        Trip paid = paid(started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause()));

        assertThat(paid.checkout("tok-2")).isInstanceOf(CheckoutDecision.Settled.class);
        assertThatThrownBy(() -> paid.reserve(ChargeAttempt.reserve(paid.nextAttemptId(), ChargeAttempt.Purpose.FARE,
                Money.won(15_000), "tok-2", "4444", NOW))).isInstanceOf(TripRefusal.class);
    }

    @Test
    void paymentRefusingTheRequestIsAFinalVisibleStateFlaggedForOperators() {
        Trip refused = settle(started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause()), "tok-1",
                ChargeAttempt.State.REFUSED, null);

        assertThat(refused.status()).isEqualTo(TripStatus.PAYMENT_FAILED);
        assertThat(refused.isFlagged(Flag.Kind.PAYMENT_REFUSED)).isTrue();
        assertThat(refused.checkout("tok-2")).isInstanceOf(CheckoutDecision.Stopped.class);
        assertThat(refused.moneyOpen()).isFalse();
    }

    @Test
    void eventIdsDeriveFromTheirCauseSoARedeliveryYieldsTheSameIds() {
        Cause boarding = cause();
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());

        TripEvent first = assigned.start("taxi-1", NOW, boarding).eventsCausedBy(boarding.id()).get(0);
        TripEvent again = assigned.start("taxi-1", NOW, boarding).eventsCausedBy(boarding.id()).get(0);

        assertThat(first.id()).isEqualTo(again.id());
        assertThat(first.causationId()).isEqualTo(boarding.id());
    }

    @Test
    void theStatusNeverMovesBackwardsButForACallWhoseTaxiLeftIt() {
        for (TripStatus from : TripStatus.values()) {
            for (TripStatus to : from.next()) {
                if (from != TripStatus.ASSIGNED || to != TripStatus.REQUESTED) {
                    assertThat(to.ordinal()).as(from + " -> " + to).isGreaterThan(from.ordinal());
                }
            }
        }
    }

    private static Trip completed() {
        return paid(started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause()))
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

    static Stream<Trip> everyTransition() {
        Trip assigned = requested().assign("taxi-1", "서울12가3456", "Kim", 120, cause());
        Trip ended = started().end("taxi-1", NOW, 9_000, 1_200, fare(15_000), "METER", null, cause());
        return Stream.of(requested(), assigned, started(), ended,
                settle(ended, "tok-1", ChargeAttempt.State.DECLINED, null), completed(),
                requested().cancel("changed my mind", null, cause()), requested().expire(cause()),
                assigned.reopen("taxi-1", "gave back", cause()), assigned.noShow("taxi-1", null, cause()),
                started().voidRide("never ended", cause()));
    }

    /** Given a transition, when its event is read elsewhere (the view), then it says the trip's new status. */
    @ParameterizedTest
    @MethodSource("everyTransition")
    void theEventOfEveryTransitionTellsTheStatusItLeft(Trip trip) {
        TripEvent last = trip.events().get(trip.events().size() - 1);

        assertThat(TripStatus.after(EventType.of(last.type()).orElseThrow())).contains(trip.status());
    }

    private static FareParts fare(long total) {
        return new FareParts(total, 0, 0, 0, 0, 0, 0, total, "KRW");
    }

    private static Trip settle(Trip trip, String card, ChargeAttempt.State outcome, String paymentId) {
        ChargeAttempt attempt = ChargeAttempt.reserve(trip.nextAttemptId(), ChargeAttempt.Purpose.FARE, trip.fare(),
                card, "4242", NOW);
        return trip.reserve(attempt).settle(attempt.id(), outcome, paymentId, outcome.name().toLowerCase(), cause());
    }

    private static Trip paid(Trip ended) {
        return settle(ended, "tok-1", ChargeAttempt.State.APPROVED, "pay-1");
    }
}
