package io.anycalltaxi.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.http.HttpHeaders;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/** Sends real CloudEvents over HTTP, in binary or structured mode, as a broker or a driver app would. */
public final class CloudEventClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CloudEventClient() {
    }

    public static CloudEvent event(EventType type, String source, String subject, Record data) {
        return EventFactory.fromProducer(URI.create(source), type, subject, data);
    }

    public static CloudEvent fromDriver(EventType type, String taxiId, String callId, Record data) {
        return event(type, "/drivers/" + taxiId, callId, data);
    }

    /** @param headers more headers, names and values in turn (an {@code Authorization}, say) */
    public static HttpResponse<byte[]> postBinary(String url, CloudEvent event, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        CloudEventHttp.headers(event).forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(CloudEventHttp.body(event))));
    }

    public static HttpResponse<byte[]> postStructured(String url, CloudEvent event, String... headers) {
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", JsonFormat.CONTENT_TYPE);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(format.serialize(event))));
    }

    public static HttpResponse<byte[]> postRaw(String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpResponse<byte[]> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET());
    }

    /** The reply event in a 200 answer (binary mode). */
    public static CloudEvent reply(HttpResponse<byte[]> response) {
        HttpHeaders headers = new HttpHeaders();
        response.headers().map().forEach(headers::addAll);
        return CloudEventHttp.read(headers, response.body());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
