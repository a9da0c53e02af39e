package io.anycalltaxi.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** The load generator: each request is an {@link IntSupplier} that does it and gives the status it got. */
final class Load {

    private Load() {
    }

    /** A warm-up round in which the JIT compiled for less than this share of it ends the warm-up. */
    private static final double QUIET_JIT = 0.05;

    /**
     * Warms this JVM (the whole local stack) up with a closed loop, in rounds of {@code round}, until
     * its JIT compilers are all but done: the code a long-running pod runs, compiled, not the minutes
     * after a start in which compiling takes a core of these two. At least one round, at most
     * {@code longest}.
     *
     * @return how long the warm-up took
     */
    static Duration warmUp(int clients, Duration round, Duration longest, IntSupplier request) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long compiled;
        do {
            long before = jit.getTotalCompilationTime();
            closedLoop(clients, Duration.ZERO, round, request);
            compiled = jit.getTotalCompilationTime() - before;
        } while (compiled > QUIET_JIT * round.toMillis() && System.nanoTime() - started < longest.toNanos());
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * A closed loop: {@code clients} clients, each sending its next request as soon as the last is
     * answered, for a warm-up (not counted) and then for the measured time.
     */
    static Outcomes closedLoop(int clients, Duration warmUp, Duration measure, IntSupplier request) {
        Outcomes outcomes = new Outcomes();
        long measuredFrom = System.nanoTime() + warmUp.toNanos();
        long end = measuredFrom + measure.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        int status = request.getAsInt();
                        if (started >= measuredFrom) {
                            outcomes.record(status, System.nanoTime() - started);
                        }
                    }
                }));
            }
            awaitAll(running);
        } finally {
            pool.shutdownNow();
        }
        outcomes.measuredOver(measure);
        return outcomes;
    }

    /**
     * An open loop: requests start at a fixed rate whether or not earlier ones were answered, and
     * each one's latency counts from when it was due, so a stall is not hidden by the load backing
     * off (no coordinated omission).
     */
    static Outcomes fixedRate(double perSecond, Duration duration, IntSupplier request) {
        Outcomes outcomes = new Outcomes();
        long interval = (long) (1e9 / perSecond);
        long count = duration.toNanos() / interval;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                running.add(pool.submit(() -> outcomes.record(request.getAsInt(), System.nanoTime() - due)));
            }
            awaitAll(running);
        } finally {
            pool.shutdownNow();
        }
        outcomes.measuredOver(duration);
        return outcomes;
    }

    private static void awaitAll(List<Future<?>> running) {
        try {
            for (Future<?> future : running) {
                future.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("a load client failed", e);
        }
    }
}
