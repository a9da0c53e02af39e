package io.anycalltaxi.endtrippay;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.trip.ChargeAttempt;
import io.anycalltaxi.core.trip.Trip;

/**
 * What may be refunded: a positive amount, in the charge's currency, of an approved charge, and
 * never more than is left of it once earlier refunds are counted.
 */
final class RefundRule {

    private RefundRule() {
    }

    /** An operator's refund is of what the trip was paid. @return that charge */
    static ChargeAttempt check(Trip trip, Money amount) {
        ChargeAttempt paid = trip.payment().orElseThrow(() -> new Refused("call " + trip.callId() + " was not paid"));
        check(trip, paid, amount);
        return paid;
    }

    static void check(Trip trip, ChargeAttempt approved, Money amount) {
        if (!approved.isApproved()) {
            throw new Refused("charge " + approved.id() + " was not approved");
        }
        if (amount.amount() <= 0 || !amount.currency().equals(approved.amount().currency())) {
            throw new Refused("a refund is a positive amount in " + approved.amount().currency());
        }
        long left = approved.amount().amount() - trip.refundedOn(approved.id());
        if (amount.amount() > left) {
            throw new Refused("only " + left + " " + approved.amount().currency() + " of charge " + approved.id()
                    + " is left to refund");
        }
    }

    /** The refund is not allowed; nothing was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
