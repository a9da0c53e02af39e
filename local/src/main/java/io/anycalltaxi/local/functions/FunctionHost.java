package io.anycalltaxi.local.functions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.local.infra.LeanTomcat;

/**
 * One function, as its own Spring application on its own port, started with the environment
 * Knative would give it ({@code PORT}, {@code K_SINK}, {@code K_CE_OVERRIDES}, {@code MONGODB_URI}).
 * It can be stopped and started again while everything else runs.
 */
public final class FunctionHost {

    private static final Logger log = LoggerFactory.getLogger(FunctionHost.class);

    private final String name;
    private final Class<?> application;
    private final int port;
    private final List<String> environment;
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> localParts;
    private volatile ConfigurableApplicationContext context;

    public FunctionHost(String name, Class<?> application, int port, List<String> environment) {
        this.name = name;
        this.localParts = LocalFunctions.localParts(name, application);
        this.application = application;
        this.port = port;
        this.environment = List.copyOf(environment);
    }

    public synchronized void start() {
        if (context != null) {
            return;
        }
        List<String> args = new ArrayList<>(environment);
        args.add("--PORT=" + port);
        long started = System.nanoTime();
        SpringApplicationBuilder builder = FunctionApplication.builder(application, name)
                .initializers(LeanTomcat.initializer());
        localParts.forEach(builder::initializers);
        context = builder.run(args.toArray(String[]::new));
        log.info("function {} up on port {} in {} ms", name, port, (System.nanoTime() - started) / 1_000_000);
    }

    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
            log.info("function {} stopped", name);
        }
    }

    public boolean running() {
        return context != null;
    }

    public String name() {
        return name;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The running function's Spring context, for tests that look inside (null when stopped). */
    public ConfigurableApplicationContext context() {
        return context;
    }
}
