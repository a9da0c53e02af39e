package io.anycalltaxi.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A client of the public API (the gateway), speaking JSON as the apps do, anonymous or with a bearer token. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;

    public Api(URI base) {
        this(base, null);
    }

    private Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Nobody signed in. */
    public static Api gateway() {
        return new Api(SharedStack.stack().gateway());
    }

    /** The local operator, with the token the runtime wrote to its data folder. */
    public static Api operator() {
        return gateway().as(SharedStack.stack().operatorToken());
    }

    /** The same API, with this bearer token. */
    public Api as(String bearerToken) {
        return new Api(base, bearerToken);
    }

    /** Somewhere else, with the same token. */
    public Api at(URI elsewhere) {
        return new Api(elsewhere, token);
    }

    public String token() {
        return token;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text(String field) {
            return body.path(field).asText();
        }
    }

    /** @param headers names and values, in turn */
    public Response post(String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** @param headers names and values, in turn */
    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET());
    }

    /** A raw body, for malformed requests. */
    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : parse(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
