package io.anycalltaxi.assigntaxi.handlers;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How dispatch goes (F2, F4): {@code anycalltaxi.calls.assignment}, the time from the call to a
 * taxi assigned (a histogram, for its p99), and {@code anycalltaxi.calls.offers{outcome}}, the taxis
 * a call was offered to by the time it was assigned or expired.
 */
@Component
class DispatchMeters {

    private final Timer assignment;
    private final DistributionSummary offersAssigned;
    private final DistributionSummary offersExpired;

    DispatchMeters(MeterRegistry registry) {
        this.assignment = Timer.builder("anycalltaxi.calls.assignment")
                .description("Time from the call to a taxi assigned").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        this.offersAssigned = offers(registry, "assigned");
        this.offersExpired = offers(registry, "expired");
    }

    private static DistributionSummary offers(MeterRegistry registry, String outcome) {
        return DistributionSummary.builder("anycalltaxi.calls.offers")
                .description("Taxis a call was offered to, by how the call's dispatch ended").baseUnit("taxis")
                .tag("outcome", outcome).register(registry);
    }

    void assigned(Duration sinceCall, int offeredTaxis) {
        assignment.record(sinceCall);
        offersAssigned.record(offeredTaxis);
    }

    void expired(int offeredTaxis) {
        offersExpired.record(offeredTaxis);
    }
}
