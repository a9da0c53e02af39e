package io.anycalltaxi.local.gateway;

import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.anycalltaxi.local.infra.PlainWebApplication;

/**
 * The web app's files (the {@code web} module's jar), served as the cluster's {@code web} Service
 * serves them: the gateway's last route, {@code /}, goes here. So does the API's document,
 * {@code /v3/api-docs}, and locally Swagger UI on it ({@code /swagger-ui.html}).
 */
@PlainWebApplication
public class LocalWebApplication implements WebMvcConfigurer {

    /** Where the web module's build puts the files on the classpath, the contracts included. */
    public static final String FILES = "classpath:/anycalltaxi-web/";
    /** Beside them, locally: Swagger UI's page and the swagger-ui webjar's files. */
    public static final String LOCAL_FILES = "classpath:/local-web/,classpath:/META-INF/resources/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/v3/api-docs").setViewName("forward:/contracts/openapi.json");
    }
}
