package io.anycalltaxi.local.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.gateway.GatewayRoutes;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * The HTTP API's OpenAPI document (docs/contracts/openapi.json) is the functions' own, merged:
 * it lists every gateway route with the security it needs (#9), says so truly (asked without a
 * token, a secured operation answers 401 and a public one does not; asked by a member, one for
 * other roles answers 403), and the gateway serves it at /v3/api-docs, with Swagger UI locally.
 */
@ExtendWith(SharedStack.class)
class ApiContractTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ObjectNode document;

    @BeforeAll
    static void merged() throws IOException, InterruptedException {
        SharedStack.stack();
        Map<String, JsonNode> byFunction = new LinkedHashMap<>();
        for (FunctionHost function : SharedStack.stack().functions().values()) {
            HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(function.url().resolve("/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(own.statusCode()).as(function.name() + ": " + own.body()).isEqualTo(200);
            byFunction.put(function.name(), EventContracts.JSON.readTree(own.body()));
        }
        document = ApiDocument.merge(byFunction, routes());
    }

    @Test
    void theCommittedDocumentIsTheFunctions() throws IOException {
        Contracts.matches("openapi.json", EventContracts.JSON.writeValueAsString(document) + "\n");
    }

    @Test
    void everyGatewayRouteIsDocumentedWithItsSecurity() {
        for (GatewayRoutes.Route route : routes().routes()) {
            if (route.backend().equals("web")) {
                continue; // the web app's files
            }
            List<JsonNode> documented = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (route.matches(op.getKey().toUpperCase(), ApiDocument.sample(path.getKey()))) {
                    documented.add(op.getValue());
                }
            }));
            assertThat(documented).as("%s %s %s", route.method(), route.type(), route.path()).isNotEmpty()
                    .allSatisfy(operation -> assertThat(operation.has("security")).isTrue());
        }
    }

    @Test
    void whatTheDocumentSaysOfSecurityIsWhatTheFunctionsDo() throws Exception {
        String member = Rider.signUp(Api.gateway()).api.token();
        int checked = 0;
        for (var path : iterable(document.path("paths").fields())) {
            for (var operation : iterable(path.getValue().fields())) {
                String method = operation.getKey().toUpperCase();
                String where = method + " " + path.getKey();
                JsonNode described = operation.getValue();
                if (described.path("security").toString().contains("shareToken")) {
                    continue; // opened by the link's token, refused 404 without: ViewTest
                }
                int anonymous = ask(method, path.getKey(), null);
                if (ApiDocument.isPublic(described)) {
                    assertThat(anonymous).as("%s is documented public", where).isNotIn(401, 403);
                } else {
                    assertThat(anonymous).as("%s is documented as needing a token", where).isEqualTo(401);
                    if (!ApiDocument.roles(described).contains("customer")) {
                        // a body is read before the handler asks who calls: an empty one is refused first
                        assertThat(ask(method, path.getKey(), member)).as("%s is documented for %s only", where,
                                ApiDocument.roles(described)).isIn(described.has("requestBody") ? List.of(400, 403) : List.of(403));
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("operations asked").isGreaterThan(25);
    }

    @Test
    void theGatewayServesTheDocumentAndSwaggerUi() throws IOException {
        Api.Response served = Api.gateway().get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(served.body()).isEqualTo(EventContracts.JSON.readTree(
                Contracts.DIRECTORY.resolve("openapi.json").toFile()));
        Api.Response ui = Api.gateway().get("/swagger-ui.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("SwaggerUIBundle", "/v3/api-docs");
        Matcher bundle = Pattern.compile("src=\"([^\"]+swagger-ui-bundle\\.js)\"").matcher(ui.raw().body());
        assertThat(bundle.find()).isTrue();
        assertThat(Api.gateway().get(bundle.group(1)).status()).as(bundle.group(1)).isEqualTo(200);
    }

    private static int ask(String method, String template, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(SharedStack.stack().gateway()
                .resolve(ApiDocument.sample(template))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (template.endsWith("/stream")) {
            request.header("Accept", "text/event-stream");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static GatewayRoutes routes() {
        return GatewayRoutes.load(LocalSettings.findProjectRoot().resolve("gateway/httproute.yaml"));
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
