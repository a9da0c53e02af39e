package io.anycalltaxi.core.trip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.anycalltaxi.core.events.Money;

/**
 * What to do next about a trip's money, from what is owed, the charge attempts and refunds so far
 * and the member's card on file. The rules, in order:
 * <ol>
 * <li>An attempt or refund whose outcome is unknown is asked again by its key before anything else.</li>
 * <li>An approval nobody owes (a second one, or on a trip voided meanwhile) is refunded.</li>
 * <li>Nothing owed, or owed and approved: settled.</li>
 * <li>Payment refused the last attempt outright: stopped, for operators.</li>
 * <li>The last attempt was declined on the card still on file (or there is none): wait for another card.</li>
 * <li>Otherwise a new attempt charges what is owed to the card on file.</li>
 * </ol>
 */
public final class CheckoutDecision {

    /** The decision. */
    public sealed interface Next {
        /** Whether acting on it needs nothing from the member (the sweep takes these). */
        default boolean isActionable() {
            return this instanceof Reconcile || this instanceof ReconcileRefund || this instanceof RefundSurplus
                    || this instanceof Charge;
        }
    }

    public record Settled() implements Next {
    }

    public record Reconcile(ChargeAttempt attempt) implements Next {
    }

    public record ReconcileRefund(Refund refund) implements Next {
    }

    public record RefundSurplus(ChargeAttempt approved) implements Next {
    }

    public record Stopped(ChargeAttempt refused) implements Next {
    }

    public record AwaitCard(ChargeAttempt declined) implements Next {
    }

    public record Charge(ChargeAttempt.Purpose purpose, Money amount) implements Next {
    }

    private CheckoutDecision() {
    }

    /**
     * @param card the token of the member's card on file; null when not looked up, in which case a
     *             trip whose last attempt was declined waits for a card
     */
    public static Next decide(Optional<Due> owed, List<ChargeAttempt> attempts, List<Refund> refunds, String card) {
        Optional<Refund> openRefund = refunds.stream().filter(Refund::isOpen).findFirst();
        if (openRefund.isPresent()) {
            return new ReconcileRefund(openRefund.get());
        }
        Optional<ChargeAttempt> open = attempts.stream().filter(ChargeAttempt::isOpen).findFirst();
        if (open.isPresent()) {
            return new Reconcile(open.get());
        }
        Optional<ChargeAttempt> settling = settling(owed, attempts);
        Optional<ChargeAttempt> surplus = attempts.stream()
                .filter(a -> a.isApproved() && !settling.map(a::equals).orElse(false))
                .filter(a -> refunds.stream().noneMatch(r -> r.attemptId().equals(a.id())
                        && r.state() != Refund.State.REFUSED))
                .findFirst();
        if (surplus.isPresent()) {
            return new RefundSurplus(surplus.get());
        }
        if (owed.isEmpty() || settling.isPresent()) {
            return new Settled();
        }
        Optional<ChargeAttempt> last = attempts.stream().filter(a -> a.purpose() == owed.get().purpose())
                .reduce((first, second) -> second);
        if (last.isPresent() && last.get().state() == ChargeAttempt.State.REFUSED) {
            return new Stopped(last.get());
        }
        if (last.isPresent() && last.get().state() == ChargeAttempt.State.DECLINED
                && (card == null || Objects.equals(card, last.get().cardToken()))) {
            return new AwaitCard(last.get());
        }
        return new Charge(owed.get().purpose(), owed.get().amount());
    }

    /** The approval that pays what is owed: the first approved attempt for its purpose. */
    public static Optional<ChargeAttempt> settling(Optional<Due> owed, List<ChargeAttempt> attempts) {
        return owed.flatMap(due -> attempts.stream()
                .filter(a -> a.isApproved() && a.purpose() == due.purpose()).findFirst());
    }
}
