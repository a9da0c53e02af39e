package io.anycalltaxi.local.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.anycalltaxi.core.testing.TestIdentity;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.LocalStack;

/**
 * The whole local runtime, started once per test JVM and shared by every test class that extends
 * with it: tests isolate themselves with fresh ids, never by restarting servers. Dispatch timings
 * are short here, and PingSources do not run on their schedule: a test fires the tick itself.
 */
public final class SharedStack implements BeforeAllCallback {

    /**
     * Settings for tests: dispatch reminds after 2 s and expires after 8 s (on a tick), a silent
     * taxi is taken off its call and a ride flagged after 5 s; create-call
     * takes at most 40 calls a second, 12 at a time, so that a burst test can exceed it.
     */
    public static final List<String> TEST_SETTINGS = List.of(
            "--anycalltaxi.dispatch.remind-after=2s",
            "--anycalltaxi.dispatch.expire-after=8s",
            "--anycalltaxi.outbox.grace=1s",
            // the lifecycle's waits, short enough to be waited out
            "--anycalltaxi.fees.cancel-grace=4s",
            "--anycalltaxi.fees.no-show-wait=3s",
            "--anycalltaxi.dispatch.silent-after=5s",
            "--anycalltaxi.dispatch.ride-limit=5s",
            "--anycalltaxi.payment.overdue-after=1s",
            // a stream whose client left is found by its next heartbeat
            "--anycalltaxi.view.stream-heartbeat=1s",
            "--resilience4j.ratelimiter.instances.calls.limit-for-period=40",
            "--resilience4j.bulkhead.instances.calls.max-concurrent-calls=12",
            // every test signs in from this one address
            "--anycalltaxi.sign-in.limits.per-address.requests=100000",
            // every request traced, into the runtime's in-memory spans (ObservabilityTest reads them)
            "--" + LocalStack.SAMPLING + "=1.0");

    private static LocalStack stack;
    private static TestSubscriber subscriber;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("anycalltaxi-local-stack", key -> (ExtensionContext.Store.CloseableResource) () -> {
                    stack.close();
                    subscriber.close();
                });
    }

    private static synchronized void start() throws Exception {
        if (stack == null) {
            subscriber = new TestSubscriber();
            Path testEventing = Path.of("src/test/resources/test-eventing").toAbsolutePath();
            stack = LocalStack.start(LocalSettings.forTests(TEST_SETTINGS, List.of(testEventing),
                    Map.of(TestSubscriber.NAME, subscriber.url())));
        }
    }

    public static LocalStack stack() {
        return stack;
    }

    public static TestSubscriber subscriber() {
        return subscriber;
    }

    /** {@code Authorization} of a delivery by this Trigger to this function, as the broker makes it. */
    public static String[] asTrigger(String trigger, String function) {
        return TestIdentity.bearer(stack.workloads().token(stack.workloads().trigger(trigger), function));
    }

    /** {@code Authorization} of a workload with this service account, calling the broker. */
    public static String[] asServiceAccount(String name) {
        return TestIdentity.bearer(stack.workloads().token(stack.workloads().serviceAccount(name),
                stack.workloads().audienceOf("eventing.knative.dev", "Broker", "anycalltaxi")));
    }
}
