package io.anycalltaxi.core.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Requests to other services (the broker, payment, the card processor, the SMS provider) over one
 * HTTP client per process, as the JDK's client is meant to be used: one connection pool and one
 * selector thread, not one per adapter; its callbacks run on virtual threads, so a burst of
 * requests does not grow a pool of platform threads. Each request is bounded by its adapter's
 * timeout, connecting included.
 */
public final class OutboundHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private OutboundHttp() {
    }

    /** @param timeout how long one request may take, from connecting to the answer's headers */
    public static JdkClientHttpRequestFactory requests(Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(CLIENT);
        requests.setReadTimeout(timeout);
        return requests;
    }
}
