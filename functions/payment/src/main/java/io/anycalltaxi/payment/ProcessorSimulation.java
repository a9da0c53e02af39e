package io.anycalltaxi.payment;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.card.LocalCardProcessor;
import io.anycalltaxi.core.security.Callers;

/**
 * With the local card processor only: make it slow or unavailable, to watch end-trip-pay's
 * time limit, retries and circuit breaker at work ({@code PUT /card-processor/simulation}).
 */
@RestController
@ConditionalOnProperty(name = "anycalltaxi.card-processor.type", havingValue = "local", matchIfMissing = true)
class ProcessorSimulation {

    private final LocalCardProcessor processor;

    ProcessorSimulation(LocalCardProcessor processor) {
        this.processor = processor;
    }

    record Simulation(Duration latency, boolean outage) {
    }

    @PutMapping("/card-processor/simulation")
    Simulation simulate(@RequestBody Simulation simulation) {
        Callers.operator();
        Duration latency = simulation.latency() == null ? Duration.ZERO : simulation.latency();
        processor.simulate(latency, simulation.outage());
        return new Simulation(latency, simulation.outage());
    }
}
