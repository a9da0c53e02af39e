package io.anycalltaxi.bench;

import io.anycalltaxi.local.LocalStack;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * create-call's surge protection (rate limiter and bulkhead "calls"), changed for a measurement
 * through the running function's own registries and put back as shipped when closed.
 */
final class CallLimits implements AutoCloseable {

    private static final String CALLS = "calls";

    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final int shippedRate;
    private final BulkheadConfig shippedBulkhead;

    private CallLimits(LocalStack stack) {
        var createCall = stack.function("create-call").context();
        this.rateLimiter = createCall.getBean(RateLimiterRegistry.class).rateLimiter(CALLS);
        this.bulkhead = createCall.getBean(BulkheadRegistry.class).bulkhead(CALLS);
        this.shippedRate = rateLimiter.getRateLimiterConfig().getLimitForPeriod();
        this.shippedBulkhead = bulkhead.getBulkheadConfig();
    }

    static CallLimits of(LocalStack stack) {
        return new CallLimits(stack);
    }

    /** Until closed, at most this many calls a refresh period (a second as shipped), this many at a time. */
    CallLimits set(int callsPerPeriod, int atATime) {
        rateLimiter.changeLimitForPeriod(callsPerPeriod);
        bulkhead.changeConfig(BulkheadConfig.from(shippedBulkhead).maxConcurrentCalls(atATime).build());
        return this;
    }

    String describe() {
        return String.format("%d calls/%d ms, %d at a time", rateLimiter.getRateLimiterConfig().getLimitForPeriod(),
                rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis(),
                bulkhead.getBulkheadConfig().getMaxConcurrentCalls());
    }

    @Override
    public void close() {
        rateLimiter.changeLimitForPeriod(shippedRate);
        bulkhead.changeConfig(shippedBulkhead);
    }
}
