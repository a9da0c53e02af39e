package io.anycalltaxi.endtrippay;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

/**
 * Calls payment synchronously (N1): within a time limit (the HTTP timeout), retried with backoff
 * on transient failures only, behind a circuit breaker so that an outage is answered fast.
 */
@Component
public class PaymentClient {

    private final RestClient http;

    public PaymentClient(@Value("${anycalltaxi.payment.url}") String url,
            @Value("${anycalltaxi.payment.timeout}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().baseUrl(url).requestFactory(requests).build();
    }

    /**
     * The fallback sits on the outermost decorator (retry): on the breaker it would swallow the
     * failure before the retry saw it.
     */
    @Retry(name = "payment", fallbackMethod = "unavailable")
    @CircuitBreaker(name = "payment")
    public PaymentReceipt charge(String idempotencyKey, PaymentRequest request) {
        return http.post().uri("/payments")
                .header("Idempotency-Key", idempotencyKey)
                .body(request)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (req, response) -> {
                    if (response.getStatusCode().is5xxServerError() || response.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                        throw new PaymentFailure("payment answered " + response.getStatusCode());
                    }
                    throw new PaymentRefused("payment refused the request: " + response.getStatusCode());
                })
                .body(PaymentReceipt.class);
    }

    PaymentReceipt unavailable(String idempotencyKey, PaymentRequest request, Throwable failure) {
        if (failure instanceof PaymentRefused refused) {
            throw refused;
        }
        throw new TemporarilyUnavailable("payment is unavailable for " + idempotencyKey + ": " + failure.getMessage(),
                failure);
    }

    /** Transient: payment is down, overloaded, or still busy with the same key. Retried. */
    static class PaymentFailure extends RuntimeException {
        PaymentFailure(String message) {
            super(message);
        }
    }

    /** Payment refused the request itself (a bug on our side): retrying cannot help. */
    static class PaymentRefused extends RuntimeException {
        PaymentRefused(String message) {
            super(message);
        }
    }
}
