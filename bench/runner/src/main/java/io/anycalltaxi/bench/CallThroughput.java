package io.anycalltaxi.bench;

import java.time.Duration;

/** Table 1: how many calls create-call takes, and how fast it answers, with a fixed number of clients. */
final class CallThroughput {

    static final int CLIENTS = 16;

    private CallThroughput() {
    }

    static Table run(Stage stage, Duration warmUp, Duration measure) {
        Table table = new Table("1. create-call: throughput and latency, " + CLIENTS + " clients, closed loop",
                "route", "clients", "calls/s (201)", "p50 ms", "p99 ms", "201", "other answers");
        measure(table, "through the gateway", stage.gateway(), stage, warmUp, measure);
        measure(table, "directly", stage.createCall(), stage, warmUp, measure);
        return table.note("Each client posts its next call as soon as the last is answered, each call by a member "
                + "with no call in progress; " + warmUp.toSeconds() + " s of warm-up, then " + measure.toSeconds()
                + " s measured. The rate limiter and bulkhead are lifted for this table (see table 4 for them).");
    }

    private static void measure(Table table, String route, Api api, Stage stage, Duration warmUp, Duration measure) {
        Outcomes calls = Load.closedLoop(CLIENTS, warmUp, measure, () -> api.call(stage.members().next()).status());
        table.row(route, CLIENTS, Table.rate(calls.perSecond(s -> s == 201)), Table.ms(calls.percentileMillis(Outcomes.ANY, 50)),
                Table.ms(calls.percentileMillis(Outcomes.ANY, 99)), calls.count(201), calls.count(s -> s != 201));
    }
}
