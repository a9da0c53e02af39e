package io.anycalltaxi.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;

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
            // Boot's default properties stay below every config file, ConfigMap and the environment.
            DefaultPropertiesPropertySource.addOrMerge(defaults.getSource(), environment.getPropertySources());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
