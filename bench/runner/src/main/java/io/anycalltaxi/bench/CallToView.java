package io.anycalltaxi.bench;

import java.time.Duration;

/** Table 2: from a customer's {@code POST /calls} to the call showing in their {@code GET /trips/{callId}}. */
final class CallToView {

    static final double CALLS_PER_SECOND = 10;
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    private CallToView() {
    }

    static Table run(Stage stage, Duration duration) {
        Outcomes seen = Load.fixedRate(CALLS_PER_SECOND, duration, () -> callAndWatch(stage));
        return new Table("2. End to end: POST /calls until visible in GET /trips/{callId}, fixed arrival rate",
                "calls/s", "calls", "visible", "p50 ms", "p99 ms", "max ms", "not visible in 30 s")
                .row(Table.rate(CALLS_PER_SECOND), seen.count(Outcomes.ANY), seen.count(200),
                        Table.ms(seen.percentileMillis(s -> s == 200, 50)), Table.ms(seen.percentileMillis(s -> s == 200, 99)),
                        Table.ms(seen.maxMillis(s -> s == 200)), seen.count(s -> s != 200))
                .note("Open loop: a call is made every " + (long) (1000 / CALLS_PER_SECOND) + " ms for "
                        + duration.toSeconds() + " s whether or not earlier ones are answered; the view is polled every "
                        + POLL.toMillis() + " ms through the gateway. The path: create-call stores the call and hands "
                        + "call.requested to the broker, whose Trigger delivers it to project-view.");
    }

    private static int callAndWatch(Stage stage) {
        Members.Caller caller = stage.members().next();
        Api.Answer called = stage.gateway().call(caller);
        if (called.status() != 201) {
            return called.status();
        }
        String view = "/trips/" + called.text("callId");
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (stage.gateway().get(view, caller.token()).status() == 200) {
                return 200;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 504;
    }
}
