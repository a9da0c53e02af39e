package io.anycalltaxi.local.eventing;

import java.time.Duration;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;

/**
 * How a Trigger delivers: its own {@code spec.delivery}, field by field over the Broker's. As in
 * Knative (its delivery docs, and both its Go and its Kafka broker's dispatchers), retry number n
 * (1, 2, ...) waits {@code backoffDelay * n} when the policy is linear and
 * {@code backoffDelay * 2^n} when it is exponential, which is also what no policy means.
 */
record DeliveryPolicy(int retry, boolean exponential, Duration backoffDelay, Duration timeout,
        Destination deadLetterSink) {

    private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static DeliveryPolicy of(DeliverySpec trigger, DeliverySpec broker) {
        DeliverySpec own = trigger == null ? new DeliverySpec() : trigger;
        DeliverySpec inherited = broker == null ? new DeliverySpec() : broker;
        Integer retry = first(own.getRetry(), inherited.getRetry());
        String policy = first(own.getBackoffPolicy(), inherited.getBackoffPolicy());
        String delay = first(own.getBackoffDelay(), inherited.getBackoffDelay());
        String timeout = first(own.getTimeout(), inherited.getTimeout());
        return new DeliveryPolicy(retry == null ? 0 : retry, !"linear".equals(policy),
                delay == null ? DEFAULT_BACKOFF : Duration.parse(delay),
                timeout == null ? DEFAULT_TIMEOUT : Duration.parse(timeout),
                first(own.getDeadLetterSink(), inherited.getDeadLetterSink()));
    }

    Duration backoff(int retryNumber) {
        return exponential ? backoffDelay.multipliedBy(1L << Math.min(30, retryNumber))
                : backoffDelay.multipliedBy(retryNumber);
    }

    /** Knative retries these; any other 4xx is final (the event goes to the dead-letter sink). */
    static boolean retryable(int status) {
        return status >= 500 || status == 404 || status == 409 || status == 429;
    }

    private static <T> T first(T own, T inherited) {
        return own != null ? own : inherited;
    }
}
