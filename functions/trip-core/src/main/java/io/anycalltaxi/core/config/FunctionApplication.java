package io.anycalltaxi.core.config;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts a function. Each reads its own {@code <name>.yaml} rather than {@code application.yaml},
 * so that several functions can share one classpath (the local runtime hosts them in one JVM).
 */
public final class FunctionApplication {

    private FunctionApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String name) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + name, "spring.application.name=" + name);
    }

    public static void run(Class<?> application, String name, String[] args) {
        builder(application, name).run(args);
    }
}
