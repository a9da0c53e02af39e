package io.anycalltaxi.local.card;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** What the local runtime adds to a function that takes cards, before it starts. */
public final class LocalCards {

    private LocalCards() {
    }

    /** The local card processor instead of the gateway's adapter, and for payment its simulation endpoint. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> processor(boolean withSimulation) {
        return context -> {
            GenericApplicationContext registry = (GenericApplicationContext) context;
            registry.registerBean(LocalCardProcessor.class);
            if (withSimulation) {
                registry.registerBean(ProcessorSimulation.class);
            }
        };
    }
}
