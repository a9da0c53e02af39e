package io.anycalltaxi.local.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.local.infra.LeanTomcat;
import io.anycalltaxi.local.tracing.LocalTraces;

/**
 * One function, as its own Spring application on its own port, started with the environment
 * Knative would give it ({@code PORT}, {@code K_SINK}, {@code K_CE_OVERRIDES}, {@code MONGODB_URI}):
 * in this JVM, or as a process of its own started by a command (its image's, {@code bin/function}).
 * It can be stopped and started again while everything else runs.
 */
public final class FunctionHost {

    private static final Logger log = LoggerFactory.getLogger(FunctionHost.class);
    /** A process's first start also builds its layout when it has none: that can take minutes. */
    private static final Duration PROCESS_START = Duration.ofMinutes(10);
    /** Graceful shutdown (20 s), then the JVM writes an AOT cache it records. */
    private static final Duration PROCESS_STOP = Duration.ofMinutes(2);

    private final String name;
    private final Class<?> application;
    private final int port;
    private final List<String> arguments;
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> localParts;
    private final OwnProcess ownProcess;
    private volatile ConfigurableApplicationContext context;
    private volatile Process process;

    /**
     * How a function runs as a process of its own.
     *
     * @param command what starts it; its settings are its environment
     * @param log     where its output goes
     */
    public record OwnProcess(List<String> command, Path log) {
    }

    /** @param traces where this JVM's functions' sampled spans go (a process of its own exports them by OTLP) */
    public FunctionHost(String name, Class<?> application, int port, List<String> arguments, OwnProcess ownProcess,
            LocalTraces traces) {
        this.name = name;
        List<ApplicationContextInitializer<ConfigurableApplicationContext>> parts = new ArrayList<>(
                LocalFunctions.localParts(name, application));
        parts.add(traces.processor());
        this.localParts = List.copyOf(parts);
        this.application = application;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.ownProcess = ownProcess;
    }

    public synchronized void start() {
        if (running()) {
            return;
        }
        List<String> args = new ArrayList<>(arguments);
        args.add("--PORT=" + port);
        long started = System.nanoTime();
        if (ownProcess != null) {
            startProcess(args);
        } else {
            SpringApplicationBuilder builder = FunctionApplication.builder(application, name)
                    .initializers(LeanTomcat.initializer());
            localParts.forEach(builder::initializers);
            context = builder.run(args.toArray(String[]::new));
        }
        log.info("function {} up on port {} in {} ms{}", name, port, (System.nanoTime() - started) / 1_000_000,
                ownProcess == null ? "" : " as process " + process.pid());
    }

    /** As a container: configured by its environment alone. */
    private void startProcess(List<String> args) {
        try {
            Files.createDirectories(ownProcess.log().getParent());
            ProcessBuilder builder = new ProcessBuilder(ownProcess.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ownProcess.log().toFile()));
            builder.environment().putAll(asEnvironment(args));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " by " + ownProcess.command(), e);
        }
        awaitReady();
    }

    /** Ready as Knative's readiness probe sees it. */
    private void awaitReady() {
        URI readiness = url().resolve("/actuator/health/readiness");
        long deadline = System.nanoTime() + PROCESS_START.toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + ownProcess.log());
                }
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException(name + " was not ready within " + PROCESS_START + "; see " + ownProcess.log());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " started", e);
        }
    }

    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
            log.info("function {} stopped", name);
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(PROCESS_STOP.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            log.info("function {} stopped (process {} exited with {})", name, process.pid(), process.exitValue());
            process = null;
        }
    }

    public boolean running() {
        return context != null || (process != null && process.isAlive());
    }

    /** Its settings, as {@code --key=value} (its port apart). */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * {@code --key=value} settings as the environment variables Spring Boot reads them from:
     * upper case, dots to underscores, dashes dropped ({@code anycalltaxi.identity.token-dir} is
     * {@code ANYCALLTAXI_IDENTITY_TOKENDIR}).
     */
    public static Map<String, String> asEnvironment(List<String> arguments) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String key = argument.substring(2, equals);
            environment.put(key.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT), argument.substring(equals + 1));
        }
        return environment;
    }

    public String name() {
        return name;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The process it runs as, when it runs as one of its own (null in this JVM or when stopped). */
    public Process process() {
        return process;
    }

    /** The running function's Spring context, for tests that look inside (null when stopped or a process of its own). */
    public ConfigurableApplicationContext context() {
        return context;
    }
}
