package io.anycalltaxi.projectview;

import java.util.List;
import java.util.Objects;

import io.anycalltaxi.core.events.Money;

/** What a driver earned: the fares paid, added up; nothing before the first, and never two currencies in one sum. */
final class Earnings {

    private Earnings() {
    }

    /** @return the sum, or null when no fare is given */
    static Money of(List<Money> fares) {
        List<Money> paid = fares.stream().filter(Objects::nonNull).toList();
        if (paid.isEmpty()) {
            return null;
        }
        String currency = paid.getFirst().currency();
        if (paid.stream().anyMatch(fare -> !fare.currency().equals(currency))) {
            throw new IllegalArgumentException("fares in more than one currency cannot be added up");
        }
        return new Money(paid.stream().mapToLong(Money::amount).sum(), currency);
    }
}
