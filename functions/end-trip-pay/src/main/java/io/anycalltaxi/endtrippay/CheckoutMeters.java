package io.anycalltaxi.endtrippay;

import org.springframework.stereotype.Component;

import io.anycalltaxi.core.events.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The money side (F9, N1): {@code anycalltaxi.payments{outcome,purpose}} for every answer payment
 * gave (approved, declined, unknown, refused; refunded and refund_refused for refunds),
 * {@code anycalltaxi.trips.completed} and {@code anycalltaxi.fares{currency}}, each counted once
 * however often an event is redelivered.
 */
@Component
class CheckoutMeters {

    private final MeterRegistry registry;
    private final Counter completed;

    CheckoutMeters(MeterRegistry registry) {
        this.registry = registry;
        this.completed = Counter.builder("anycalltaxi.trips.completed").description("Trips paid and completed (N1)")
                .register(registry);
    }

    void answered(String outcome, String purpose) {
        Counter.builder("anycalltaxi.payments").description("Payment's answers to charges and refunds, by outcome")
                .tag("outcome", outcome).tag("purpose", purpose).register(registry).increment();
    }

    void completed(Money fare) {
        completed.increment();
        if (fare != null) {
            DistributionSummary.builder("anycalltaxi.fares").description("Fares of completed trips")
                    .tag("currency", fare.currency()).register(registry).record(fare.amount());
        }
    }
}
