package io.anycalltaxi.local.rehearsal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.LocalStack;

/**
 * Trains the JDK AOT cache of functions with real traffic: the local stack, in memory, with these
 * functions started as their images start them but recording ({@code bin/function --record}),
 * and whole trips through the gateway, as people make them; each function writes its cache as it
 * stops. {@code bin/function --build} runs it; the cache is only as good as the code paths the
 * trips take, so they take the common ones: sign-in, sign-up, a call, dispatch, a trip, payment,
 * the friend's text and link, a review, the insights, a cancelled call, the dispatch tick.
 */
public final class Rehearsal {

    private static final Logger log = LoggerFactory.getLogger(Rehearsal.class);
    private static final int TRIPS = 4;

    private Rehearsal() {
    }

    public static void main(String[] functions) throws Exception {
        if (functions.length == 0) {
            throw new IllegalArgumentException("usage: Rehearsal FUNCTION...");
        }
        LocalSettings settings = LocalSettings.forTests(List.of(), List.of(), Map.of())
                .asImages(List.of(functions), "--record");
        try (LocalStack stack = LocalStack.start(settings)) {
            rehearse(stack);
            stopAtOnce(stack, List.of(functions));
        }
        for (String function : functions) {
            Path cache = settings.projectRoot().resolve("functions").resolve(function).resolve("target/function/app.aot");
            if (!Files.isRegularFile(cache)) {
                throw new IllegalStateException(function + " wrote no AOT cache at " + cache);
            }
            log.info("{}: AOT cache of {} MB", function, Files.size(cache) / (1024 * 1024));
        }
        // the stack's clients leave non-daemon threads behind
        System.exit(0);
    }

    /** Each JVM writes its cache as it exits, for seconds: they stop side by side rather than in turn. */
    private static void stopAtOnce(LocalStack stack, List<String> functions) throws InterruptedException {
        List<Thread> stopping = functions.stream()
                .map(function -> Thread.ofVirtual().start(stack.function(function)::stop)).toList();
        for (Thread thread : stopping) {
            thread.join();
        }
    }

    /** Whole trips, then each PingSource fired once. */
    public static void rehearse(LocalStack stack) {
        RehearsalClient gateway = new RehearsalClient(stack.gateway());
        for (int trip = 0; trip < TRIPS; trip++) {
            new RehearsalTrip(gateway, stack.smsRecorder(), stack.operatorToken()).run();
        }
        for (String pingSource : stack.pingSources()) {
            stack.broker().firePing(pingSource);
        }
        try {
            stack.broker().awaitDelivered(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("rehearsed {} trips through {}", TRIPS, stack.gateway());
    }
}
