package io.anycalltaxi.endtrippay;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import io.anycalltaxi.core.cloudevents.TemporarilyUnavailable;
import io.anycalltaxi.core.http.OutboundHttp;
import io.anycalltaxi.core.payment.PaymentReceipt;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.payment.RefundReceipt;
import io.anycalltaxi.core.payment.RefundRequest;
import io.anycalltaxi.core.security.WorkloadTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * Calls payment synchronously (N1): within a time limit (the HTTP timeout), retried with backoff
 * on transient failures only, behind a circuit breaker so that an outage is answered fast
 * ({@code resilience4j.retry|circuitbreaker.instances.payment}). The two are applied in code, not
 * by annotation: without Spring AOP the function starts about two seconds sooner from zero.
 */
@Component
public class PaymentClient {

    private final RestClient http;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final WorkloadTokens identity;

    /** @param identity end-trip-pay's own service token: payment takes charges from no one else */
    public PaymentClient(@Value("${anycalltaxi.payment.url}") String url,
            @Value("${anycalltaxi.payment.timeout}") Duration timeout, RetryRegistry retries,
            CircuitBreakerRegistry breakers, WorkloadTokens identity, ObservationRegistry observations) {
        this.identity = identity;
        // observed: the charge is a span of the trip's trace, and payment continues it (traceparent)
        this.http = RestClient.builder().baseUrl(url).requestFactory(OutboundHttp.requests(timeout))
                .observationRegistry(observations).build();
        this.retry = retries.retry("payment");
        this.breaker = breakers.circuitBreaker("payment");
    }

    /**
     * Each attempt goes through the breaker, and the retry around it sees every failure; what is
     * still failing after the retries is payment being unavailable, unless payment refused outright.
     * A 202 is an answer: the charge's outcome is not known yet.
     */
    public PaymentReceipt charge(String idempotencyKey, PaymentRequest request) {
        return call(idempotencyKey, () -> post("/payments", idempotencyKey, request, PaymentReceipt.class));
    }

    /** Gives (part of) an approved payment back, at most once per key. */
    public RefundReceipt refund(String idempotencyKey, String paymentId, RefundRequest request) {
        return call(idempotencyKey,
                () -> post("/payments/" + paymentId + "/refunds", idempotencyKey, request, RefundReceipt.class));
    }

    private <T> T call(String idempotencyKey, Supplier<T> request) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, request)).get();
        } catch (PaymentRefused refused) {
            throw refused;
        } catch (RuntimeException failure) {
            throw new TemporarilyUnavailable("payment is unavailable for " + idempotencyKey + ": " + failure.getMessage(),
                    failure);
        }
    }

    private <T> T post(String path, String idempotencyKey, Object body, Class<T> answer) {
        return http.post().uri(path)
                .header("Idempotency-Key", idempotencyKey)
                .headers(headers -> identity.forAudience(WorkloadTokens.PAYMENT).ifPresent(headers::setBearerAuth))
                .body(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (req, response) -> {
                    if (response.getStatusCode().value() == 409) {
                        throw new PaymentBusy("payment answered " + response.getStatusCode());
                    }
                    if (response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429) {
                        throw new PaymentFailure("payment answered " + response.getStatusCode());
                    }
                    throw new PaymentRefused("payment refused the request: " + response.getStatusCode());
                })
                .body(answer);
    }

    /** Transient: payment is down or overloaded. Retried. */
    static class PaymentFailure extends RuntimeException {
        PaymentFailure(String message) {
            super(message);
        }
    }

    /**
     * Payment is still busy with the same key (another request of ours holds it): retried, and no
     * sign that payment is unwell, so the breaker does not count it. Counted, one trip whose charge
     * was left in progress kept the breaker open for every other trip.
     */
    static class PaymentBusy extends PaymentFailure {
        PaymentBusy(String message) {
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
