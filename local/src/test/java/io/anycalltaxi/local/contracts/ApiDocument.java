package io.anycalltaxi.local.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.anycalltaxi.local.gateway.GatewayRoutes;

/**
 * The gateway's one OpenAPI document, from the functions' own (springdoc): the operations the
 * gateway routes to each function, with the security each declares (no requirement is a public
 * operation) and the problem+json answers every function gives, as {@code Failures} decides them.
 */
final class ApiDocument {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiDocument() {
    }

    /** @param byFunction each function's {@code /v3/api-docs} */
    static ObjectNode merge(Map<String, JsonNode> byFunction, GatewayRoutes routes) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.1.0");
        document.putObject("info").put("title", "AnycallTaxi API").put("version", "1")
                .put("description", "Everything the gateway serves the apps: members, calls, drivers, trips, "
                        + "operators. Every function checks who is calling: people sign in at /auth/* and send "
                        + "the access token as a bearer token; a role named beside the requirement is one the "
                        + "operation accepts (a member acts only as itself, a driver for its own taxi). Every "
                        + "refusal is application/problem+json and changes nothing. Generated from the "
                        + "functions by ApiContractTest; the events are in asyncapi.yaml.");
        document.putArray("servers").addObject().put("url", "/").put("description", "the gateway");
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (Map.Entry<String, JsonNode> function : new TreeMap<>(byFunction).entrySet()) {
            JsonNode own = distinct(function.getKey(), function.getValue(), schemas);
            own.path("components").path("schemas").fields().forEachRemaining(
                    schema -> schemas.put(schema.getKey(), schema.getValue()));
            own.path("paths").fields().forEachRemaining(path -> {
                ObjectNode routed = NODES.objectNode();
                for (String method : METHODS) {
                    JsonNode operation = path.getValue().get(method);
                    if (operation != null && routes.find(method.toUpperCase(), sample(path.getKey()))
                            .filter(route -> route.backend().equals(function.getKey())).isPresent()) {
                        routed.set(method, withAnswers((ObjectNode) operation.deepCopy(), function.getKey(), path.getKey(), method));
                    }
                }
                if (!routed.isEmpty()) {
                    paths.put(path.getKey(), routed);
                }
            });
        }
        document.putObject("paths").setAll(paths);
        ObjectNode components = document.putObject("components");
        ObjectNode used = components.putObject("schemas");
        used.setAll(referenced(document.path("paths"), schemas));
        used.set("Problem", problem());
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("people").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A person's access token from POST /auth/tokens; its roles claim holds customer, "
                        + "driver, operator or signup (a proved phone with no member yet)");
        schemes.putObject("shareToken").put("type", "apiKey").put("in", "query").put("name", "token")
                .put("description", "The friend's share token, from the link in the safety text");
        ObjectNode responses = components.putObject("responses");
        answer(responses, "BadRequest", "Malformed JSON or invalid fields (fields: which)");
        answer(responses, "Unauthorized", "No valid token");
        answer(responses, "Forbidden", "The token's actor may not do this");
        answer(responses, "NotFound", "Unknown, or not the caller's to see");
        answer(responses, "Conflict", "Not now: the trip or the member's calls are in another state");
        answer(responses, "TooManyRequests", "Refused at once under a surge; try again after Retry-After");
        answer(responses, "Unavailable", "A dependency is down; try again after Retry-After");
        return document;
    }

    /**
     * The function's document with its schemas that differ from another function's of the same
     * name (two records named Offer, say) renamed after the function: AssignTaxiOffer.
     */
    private static JsonNode distinct(String function, JsonNode own, Map<String, JsonNode> merged) {
        String text = own.toString();
        for (Iterator<Map.Entry<String, JsonNode>> schemas = own.path("components").path("schemas").fields(); schemas.hasNext();) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            JsonNode other = merged.get(schema.getKey());
            if (other != null && !other.equals(schema.getValue())) {
                String renamed = Arrays.stream(function.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                        .collect(Collectors.joining()) + schema.getKey();
                text = text.replace("\"#/components/schemas/" + schema.getKey() + "\"", "\"#/components/schemas/" + renamed + "\"")
                        .replace("\"" + schema.getKey() + "\":{", "\"" + renamed + "\":{");
            }
        }
        try {
            return EventContracts.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schemas the routed operations use, directly or through another schema, by name. */
    private static Map<String, JsonNode> referenced(JsonNode paths, Map<String, JsonNode> schemas) {
        Map<String, JsonNode> used = new TreeMap<>();
        List<JsonNode> unseen = new ArrayList<>(List.of(paths));
        while (!unseen.isEmpty()) {
            for (JsonNode ref : unseen.remove(unseen.size() - 1).findValues("$ref")) {
                String name = ref.asText().replace("#/components/schemas/", "");
                if (schemas.containsKey(name) && used.put(name, schemas.get(name)) == null) {
                    unseen.add(schemas.get(name));
                }
            }
        }
        return used;
    }

    /** A path template with every variable filled, as a request would have it. */
    static String sample(String template) {
        return template.replaceAll("\\{[^}]+}", "sample-id");
    }

    static boolean isPublic(JsonNode operation) {
        return operation.path("security").isEmpty();
    }

    static List<String> roles(JsonNode operation) {
        List<String> roles = new ArrayList<>();
        operation.path("security").forEach(requirement -> requirement.path("people").forEach(role -> roles.add(role.asText())));
        return roles;
    }

    private static ObjectNode withAnswers(ObjectNode operation, String function, String path, String method) {
        operation.put("x-function", function);
        if (!operation.has("security")) {
            operation.putArray("security"); // declared public: ApiContractTest checks that it is
        }
        ObjectNode responses = operation.withObjectProperty("responses");
        for (Iterator<String> codes = responses.fieldNames(); codes.hasNext();) {
            if (codes.next().matches("[45]\\d\\d")) {
                codes.remove(); // springdoc's guesses from the advice: replaced by what Failures answers
            }
        }
        refer(responses, "400", "BadRequest");
        if (!isPublic(operation)) {
            refer(responses, "401", "Unauthorized");
            refer(responses, "403", "Forbidden");
        }
        if (path.contains("{")) {
            refer(responses, "404", "NotFound");
        }
        if (!method.equals("get")) {
            refer(responses, "409", "Conflict");
        }
        if (path.equals("/calls") || path.startsWith("/auth/")) {
            refer(responses, "429", "TooManyRequests");
        }
        refer(responses, "503", "Unavailable");
        return operation;
    }

    private static void refer(ObjectNode responses, String code, String answer) {
        responses.putObject(code).put("$ref", "#/components/responses/" + answer);
    }

    private static void answer(ObjectNode responses, String name, String description) {
        ObjectNode answer = responses.putObject(name).put("description", description);
        answer.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
    }

    /** RFC 9457, as Spring's ProblemDetail writes it, with the fields of a 400. */
    private static ObjectNode problem() {
        ObjectNode problem = NODES.objectNode().put("type", "object")
                .put("description", "RFC 9457 problem details");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        properties.putObject("fields").put("type", "array").put("description", "the invalid fields of a 400")
                .putObject("items").put("type", "string");
        problem.putArray("required").add("title").add("status");
        return problem;
    }
}
