package io.anycalltaxi.local.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.stripPrefix;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.cloud.function.web.mvc.ReactorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import io.anycalltaxi.core.config.FunctionSecurityAutoConfiguration;
import io.anycalltaxi.core.config.TripCoreAutoConfiguration;

/**
 * The single entry point, locally: Spring Cloud Gateway (server, MVC) with the routes of the
 * project's HTTPRoute, proxying to the functions' ports. Like a cluster's gateway it checks no
 * token itself: every function does, and the bearer token passes through. One route is the local
 * runtime's own: {@code /console/**} to the operator's console (which checks the operator's token),
 * so the web app's operator page reaches it at its own origin.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { TripCoreAutoConfiguration.class, FunctionSecurityAutoConfiguration.class,
        MongoAutoConfiguration.class, MongoDataAutoConfiguration.class, MongoRepositoriesAutoConfiguration.class,
        ReactorAutoConfiguration.class, SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class })
public class LocalGatewayApplication {

    /** Set by the local runtime before the context starts. */
    public record Backends(GatewayRoutes routes, Map<String, URI> urls, URI console) {
    }

    /** The functions' requests as Boot builds them (spring.http.client.*), with event streams that end. */
    @Bean
    ClientHttpRequestFactory gatewayRequests(ClientHttpRequestFactoryBuilder<?> requests,
            ClientHttpRequestFactorySettings settings) {
        return new EventStreamRequests(requests.build(settings));
    }

    @Bean
    RouterFunction<ServerResponse> gatewayRoutes(Backends backends) {
        RouterFunction<ServerResponse> all = route("console")
                .route(request -> request.path().startsWith("/console/"), http())
                .before(uri(backends.console())).before(stripPrefix(1)).build();
        int index = 0;
        for (GatewayRoutes.Route route : backends.routes().routes()) {
            URI backend = backends.urls().get(route.backend());
            if (backend == null) {
                throw new IllegalStateException("no local backend for " + route.backend());
            }
            var builder = route("route-" + index++ + "-" + route.backend())
                    .route(request -> route.matches(request.method().name(), request.path()), http())
                    .before(uri(backend));
            if (route.replaceFullPath().isPresent()) {
                builder = builder.before(setPath(route.replaceFullPath().get()));
            }
            RouterFunction<ServerResponse> function = builder.build();
            all = all.and(function);
        }
        return all;
    }
}
