package io.anycalltaxi.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The settings every function shares (Knative's PORT, MONGODB_URI, probes, graceful shutdown),
 * at the lowest precedence so a function's own config, a ConfigMap or the environment win.
 */
public class FunctionDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "anycalltaxi-function-defaults.properties";
    /** Set to false by applications that share the classpath but are no function (the local runtime's own). */
    public static final String ENABLED = "anycalltaxi.function-defaults";
    static final String OTLP_TRACES = "management.otlp.tracing.endpoint";

    /**
     * Where traces go by OpenTelemetry's own variables (OTLP over HTTP, as its SDKs read them), so a
     * platform's collector settings need no Spring-specific name; no endpoint, no exporter.
     */
    static Optional<String> otlpTracesEndpoint(ConfigurableEnvironment environment) {
        String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return Optional.of(traces);
        }
        String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        return base == null || base.isBlank() ? Optional.empty()
                : Optional.of(base.replaceAll("/+$", "") + "/v1/traces");
    }

    /** Before config data is loaded, so that the defaults' {@code spring.config.import} is honoured. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(ENABLED, Boolean.class, true)) {
            return;
        }
        try {
            ResourcePropertySource defaults = new ResourcePropertySource(
                    new ClassPathResource(RESOURCE, FunctionDefaults.class.getClassLoader()));
            Map<String, Object> settings = new HashMap<>(defaults.getSource());
            otlpTracesEndpoint(environment).ifPresent(url -> settings.put(OTLP_TRACES, url));
            // Boot's default properties stay below every config file, ConfigMap and the environment.
            DefaultPropertiesPropertySource.addOrMerge(settings, environment.getPropertySources());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
