package io.anycalltaxi.local.card;

import java.time.Duration;

import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.security.Callers;

/**
 * Payment's endpoint in the local runtime only: make the local card processor slow or unavailable, answer "processing" first, or
 * lose its answers after charging, to watch end-trip-pay's time limit, retries, circuit breaker and
 * reconciliation at work ({@code PUT /card-processor/simulation}).
 */
@RestController
class ProcessorSimulation {

    private final LocalCardProcessor processor;

    ProcessorSimulation(LocalCardProcessor processor) {
        this.processor = processor;
    }

    @PutMapping("/card-processor/simulation")
    LocalCardProcessor.Simulation simulate(@RequestBody LocalCardProcessor.Simulation simulation) {
        Callers.operator();
        LocalCardProcessor.Simulation applied = new LocalCardProcessor.Simulation(
                simulation.latency() == null ? Duration.ZERO : simulation.latency(), simulation.outage(),
                simulation.processingFirst(), simulation.loseAnswers());
        processor.simulate(applied);
        return applied;
    }
}
