package io.anycalltaxi.createcall;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.web.RequestRefused;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/**
 * N2: under a surge of calls, refuse some quickly ("try again shortly") instead of falling over.
 * A rate limiter and a bulkhead bound how many calls are taken (429 beyond); circuit breakers on
 * MongoDB and on the broker turn a failing dependency into a fast 503. Limits are configuration
 * ({@code resilience4j.*.instances.calls|storage|broker}); their state shows under actuator.
 */
@Component
class SurgeProtection {

    static final String CALLS = "calls";
    static final String STORAGE = "storage";
    static final String BROKER = "broker";

    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker storage;
    private final CircuitBreaker broker;

    SurgeProtection(RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers) {
        this.rateLimiter = rateLimiters.rateLimiter(CALLS);
        this.bulkhead = bulkheads.bulkhead(CALLS);
        this.storage = breakers.circuitBreaker(STORAGE);
        this.broker = breakers.circuitBreaker(BROKER);
    }

    /** Takes the call if there is room; refused calls have not started, so nothing is written. */
    <T> T admit(Supplier<T> call) {
        try {
            return RateLimiter.decorateSupplier(rateLimiter, Bulkhead.decorateSupplier(bulkhead, call)).get();
        } catch (RequestNotPermitted | BulkheadFullException tooMany) {
            throw new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "Too many calls",
                    "We are taking more calls than we can handle right now; please try again shortly.",
                    rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod());
        }
    }

    /** MongoDB, behind its breaker: once it keeps failing, calls are refused at once. */
    <T> T store(Supplier<T> write) {
        return guarded(storage, write);
    }

    /** A call is only taken while the broker is believed up: its events must not pile up unseen. */
    void requireBroker() {
        if (!broker.tryAcquirePermission()) {
            throw unavailable(broker);
        }
        broker.releasePermission();
    }

    /** Hands the call's events to the broker, counting a failure towards its breaker. */
    boolean publish(Supplier<Boolean> publishing) {
        long started = System.nanoTime();
        boolean published = publishing.get();
        long elapsed = System.nanoTime() - started;
        if (published) {
            broker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            broker.onError(elapsed, TimeUnit.NANOSECONDS,
                    new IllegalStateException("the broker did not take the call's events"));
        }
        return published;
    }

    private static <T> T guarded(CircuitBreaker breaker, Supplier<T> work) {
        try {
            return breaker.executeSupplier(work);
        } catch (CallNotPermittedException open) {
            throw unavailable(breaker);
        }
    }

    private static RequestRefused unavailable(CircuitBreaker breaker) {
        return new RequestRefused(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "We cannot take calls right now (" + breaker.getName() + " is failing); please try again shortly.",
                Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)));
    }
}
