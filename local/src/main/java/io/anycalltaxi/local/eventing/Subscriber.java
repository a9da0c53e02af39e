package io.anycalltaxi.local.eventing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.springframework.http.HttpHeaders;

import io.anycalltaxi.core.cloudevents.CloudEventHttp;
import io.anycalltaxi.core.cloudevents.InvalidEvent;
import io.cloudevents.CloudEvent;

/** Delivers an event over HTTP in binary mode, asking for a reply ({@code Prefer: reply}). */
final class Subscriber {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            // a delivery is a virtual thread; its client's callbacks too, not a pool growing with the load
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private Subscriber() {
    }

    /**
     * @param bearer the sender's token for the target's audience
     * @throws IOException if nothing answered (connection refused, timeout)
     */
    static Answer post(URI target, CloudEvent event, Duration timeout, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).header("Prefer", "reply")
                .header("Authorization", "Bearer " + bearer);
        CloudEventHttp.headers(event).forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        HttpResponse<byte[]> response = HTTP.send(
                request.POST(HttpRequest.BodyPublishers.ofByteArray(CloudEventHttp.body(event))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response);
    }

    record Answer(int status, HttpResponse<byte[]> response) {

        byte[] body() {
            return response.body();
        }

        /**
         * The reply event: only a 200 carries one (202 never does), in binary mode (ce- headers) or
         * structured mode (application/cloudevents+json).
         */
        Optional<CloudEvent> reply() {
            if (status != 200) {
                return Optional.empty();
            }
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            boolean binary = headers.containsKey("ce-specversion");
            boolean structured = String.valueOf(headers.getContentType()).startsWith("application/cloudevents");
            if (!binary && !structured) {
                return Optional.empty();
            }
            try {
                return Optional.of(CloudEventHttp.read(headers, response.body()));
            } catch (InvalidEvent e) {
                throw new InvalidReply(e.getMessage());
            }
        }
    }

    /** The subscriber answered 200 with something that claims to be, but is not, a CloudEvent. */
    static final class InvalidReply extends RuntimeException {
        InvalidReply(String message) {
            super(message);
        }
    }
}
