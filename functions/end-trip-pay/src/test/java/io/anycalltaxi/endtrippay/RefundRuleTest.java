package io.anycalltaxi.endtrippay;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.anycalltaxi.core.events.FareParts;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.trip.Cause;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Refund;
import io.anycalltaxi.core.trip.Trip;

/** What may be refunded of a 14,000 won charge: given earlier refunds, when refunding, then. */
class RefundRuleTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static Cause cause(String id) {
        return new Cause(id, URI.create("/functions/test"), AT);
    }

    private static Trip paid(long refundedBefore) {
        Place here = new Place(37.5, 127.0, "here");
        Trip ended = Trip.request("call-1", "member-1", here, here, Money.won(14_000), cause("c1"))
                .assign("taxi-1", "plate", "driver", 60, cause("c2")).start("taxi-1", AT, cause("c3"))
                .end("taxi-1", AT, 9_000, 1_200, new FareParts(14_000, 0, 0, 0, 0, 0, 0, 14_000, "KRW"), "METER", null,
                        cause("c4"));
        ChargeAttempt attempt = ChargeAttempt.reserve(ended.nextAttemptId(), ChargeAttempt.Purpose.FARE,
                Money.won(14_000), "tok", "4242", AT);
        Trip paid = ended.reserve(attempt).settle(attempt.id(), ChargeAttempt.State.APPROVED, "pay-1", null, cause("c5"));
        return refundedBefore == 0 ? paid : paid.reserveRefund(new Refund(paid.nextRefundId(), attempt.id(), "pay-1",
                Money.won(refundedBefore), "earlier", Refund.State.DONE, AT));
    }

    @ParameterizedTest(name = "refunded {0} before, refunding {1} {2} -> allowed {3}")
    @CsvSource({
            // refunded before, amount, currency, allowed
            "0, 14000, KRW, true",
            "0, 1000, KRW, true",
            "13000, 1000, KRW, true",
            "13000, 1001, KRW, false",
            "0, 14001, KRW, false",
            "0, 0, KRW, false",
            "0, 1000, USD, false" })
    void decides(long refundedBefore, long amount, String currency, boolean allowed) {
        Trip trip = paid(refundedBefore);
        if (allowed) {
            assertThatCode(() -> RefundRule.check(trip, new Money(amount, currency))).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> RefundRule.check(trip, new Money(amount, currency)))
                    .isInstanceOf(RefundRule.Refused.class);
        }
    }
}
