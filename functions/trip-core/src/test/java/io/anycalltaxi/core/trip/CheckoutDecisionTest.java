package io.anycalltaxi.core.trip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.trip.ChargeAttempt.Purpose;
import io.anycalltaxi.core.trip.ChargeAttempt.State;
import io.anycalltaxi.core.trip.CheckoutDecision.AwaitCard;
import io.anycalltaxi.core.trip.CheckoutDecision.Charge;
import io.anycalltaxi.core.trip.CheckoutDecision.Reconcile;
import io.anycalltaxi.core.trip.CheckoutDecision.ReconcileRefund;
import io.anycalltaxi.core.trip.CheckoutDecision.RefundSurplus;
import io.anycalltaxi.core.trip.CheckoutDecision.Settled;
import io.anycalltaxi.core.trip.CheckoutDecision.Stopped;

/** The checkout decision: given what is owed, the attempts and refunds and the card on file, when deciding, then. */
class CheckoutDecisionTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Optional<Due> FARE = Optional.of(new Due(Purpose.FARE, Money.won(14_000)));
    private static final Optional<Due> FEE = Optional.of(new Due(Purpose.CANCEL_FEE, Money.won(2_000)));

    private static ChargeAttempt attempt(int n, Purpose purpose, String card, State state) {
        return new ChargeAttempt("call#" + n, purpose, Money.won(purpose == Purpose.FARE ? 14_000 : 2_000), card, "4242",
                state, state == State.APPROVED ? "pay-" + n : null, null, AT);
    }

    private static Refund refund(String attemptId, Refund.State state) {
        return new Refund("call#refund-1", attemptId, "pay", Money.won(14_000), "surplus", state, AT);
    }

    static Stream<Arguments> cases() {
        ChargeAttempt pending = attempt(1, Purpose.FARE, "tok-a", State.PENDING);
        ChargeAttempt unknown = attempt(1, Purpose.FARE, "tok-a", State.UNKNOWN);
        ChargeAttempt approved = attempt(1, Purpose.FARE, "tok-a", State.APPROVED);
        ChargeAttempt second = attempt(2, Purpose.FARE, "tok-b", State.APPROVED);
        ChargeAttempt declined = attempt(1, Purpose.FARE, "tok-a", State.DECLINED);
        ChargeAttempt refused = attempt(1, Purpose.FARE, "tok-a", State.REFUSED);
        ChargeAttempt feePaid = attempt(1, Purpose.CANCEL_FEE, "tok-a", State.APPROVED);
        return Stream.of(
                // given owed, attempts, refunds, card on file -> then
                Arguments.of("nothing owed, nothing tried", Optional.empty(), List.of(), List.of(), "tok-a", new Settled()),
                Arguments.of("fare owed, first try", FARE, List.of(), List.of(), "tok-a", new Charge(Purpose.FARE, Money.won(14_000))),
                Arguments.of("fee owed, first try", FEE, List.of(), List.of(), "tok-a", new Charge(Purpose.CANCEL_FEE, Money.won(2_000))),
                Arguments.of("an attempt in flight, card replaced", FARE, List.of(pending), List.of(), "tok-b", new Reconcile(pending)),
                Arguments.of("an unknown outcome, card replaced", FARE, List.of(unknown), List.of(), "tok-b", new Reconcile(unknown)),
                Arguments.of("approved", FARE, List.of(approved), List.of(), "tok-b", new Settled()),
                Arguments.of("declined, same card", FARE, List.of(declined), List.of(), "tok-a", new AwaitCard(declined)),
                Arguments.of("declined, card not looked up", FARE, List.of(declined), List.of(), null, new AwaitCard(declined)),
                Arguments.of("declined, another card", FARE, List.of(declined), List.of(), "tok-b", new Charge(Purpose.FARE, Money.won(14_000))),
                Arguments.of("refused by payment", FARE, List.of(refused), List.of(), "tok-b", new Stopped(refused)),
                Arguments.of("two approvals", FARE, List.of(approved, second), List.of(), "tok-b", new RefundSurplus(second)),
                Arguments.of("two approvals, the second refunded", FARE, List.of(approved, second),
                        List.of(refund(second.id(), Refund.State.DONE)), "tok-b", new Settled()),
                Arguments.of("an approval on a trip voided since", Optional.empty(), List.of(approved), List.of(), "tok-a", new RefundSurplus(approved)),
                Arguments.of("a refund in flight comes first", FARE, List.of(approved, second),
                        List.of(refund(second.id(), Refund.State.PENDING)), "tok-a", new ReconcileRefund(refund(second.id(), Refund.State.PENDING))),
                Arguments.of("a fee paid, fare not owed", FEE, List.of(feePaid), List.of(), "tok-a", new Settled()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String given, Optional<Due> owed, List<ChargeAttempt> attempts, List<Refund> refunds, String card,
            CheckoutDecision.Next then) {
        assertThat(CheckoutDecision.decide(owed, attempts, refunds, card)).isEqualTo(then);
    }
}
