package io.anycalltaxi.local.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.anycalltaxi.local.eventing.EventingManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

/**
 * The routes of the project's HTTPRoute (Gateway API), as the cluster's gateway applies them:
 * a request goes to the backend of the first rule with a matching method and path.
 */
public record GatewayRoutes(List<Route> routes) {

    /** One match of a rule. {@code replaceFullPath} is the rule's URLRewrite, if it has one. */
    public record Route(String method, PathType type, String path, Pattern regex, String backend,
            Optional<String> replaceFullPath) {

        public boolean matches(String requestMethod, String requestPath) {
            if (method != null && !method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            return switch (type) {
                case EXACT -> requestPath.equals(path);
                case PATH_PREFIX -> requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
                case REGULAR_EXPRESSION -> regex.matcher(requestPath).matches();
            };
        }
    }

    public enum PathType { EXACT, PATH_PREFIX, REGULAR_EXPRESSION }

    public static GatewayRoutes load(Path httpRouteFile) {
        List<Route> routes = new ArrayList<>();
        for (HasMetadata resource : EventingManifests.parse(httpRouteFile)) {
            if (resource instanceof HTTPRoute httpRoute) {
                httpRoute.getSpec().getRules().forEach(rule -> routes.addAll(routesOf(rule)));
            }
        }
        return new GatewayRoutes(routes);
    }

    public Optional<Route> find(String method, String path) {
        return routes.stream().filter(route -> route.matches(method, path)).findFirst();
    }

    private static List<Route> routesOf(HTTPRouteRule rule) {
        if (rule.getBackendRefs() == null || rule.getBackendRefs().size() != 1) {
            throw new IllegalArgumentException("the local gateway routes each rule to exactly one backend");
        }
        String backend = rule.getBackendRefs().get(0).getName();
        Optional<String> rewrite = Optional.ofNullable(rule.getFilters()).orElse(List.of()).stream()
                .filter(filter -> "URLRewrite".equals(filter.getType()))
                .map(HTTPRouteFilter::getUrlRewrite)
                .map(urlRewrite -> urlRewrite.getPath().getReplaceFullPath())
                .findFirst();
        List<Route> routes = new ArrayList<>();
        for (HTTPRouteMatch match : rule.getMatches()) {
            HTTPPathMatch path = match.getPath();
            PathType type = switch (path.getType() == null ? "PathPrefix" : path.getType()) {
                case "Exact" -> PathType.EXACT;
                case "PathPrefix" -> PathType.PATH_PREFIX;
                case "RegularExpression" -> PathType.REGULAR_EXPRESSION;
                default -> throw new IllegalArgumentException("unknown path match type " + path.getType());
            };
            routes.add(new Route(match.getMethod(), type, path.getValue(),
                    type == PathType.REGULAR_EXPRESSION ? Pattern.compile(path.getValue()) : null, backend, rewrite));
        }
        return routes;
    }
}
