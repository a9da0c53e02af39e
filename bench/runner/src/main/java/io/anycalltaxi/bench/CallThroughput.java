package io.anycalltaxi.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

import com.sun.management.OperatingSystemMXBean;

/**
 * Table 1: how many calls create-call takes, and how fast it answers, with a fixed number of
 * clients; and what one call costs the whole stack: its CPU and, function by function, the
 * requests and MongoDB commands it causes, its consequences (dispatch, views, insights) included.
 */
final class CallThroughput {

    static final int CLIENTS = 16;

    /** What each function has done so far, read from its own meters. */
    private record Work(Map<String, Double> requests, Map<String, Double> commands, long cpuNanos) {
    }

    private CallThroughput() {
    }

    static Table run(Stage stage, Duration warmUp, Duration measure) throws InterruptedException {
        Table table = new Table("1. create-call: throughput and latency, " + CLIENTS + " clients, closed loop",
                "route", "clients", "warm-up s", "calls/s (201)", "p50 ms", "p99 ms", "201", "other answers",
                "stack CPU ms/call");
        Table viaGateway = measure(table, "through the gateway", stage.gateway(), stage, warmUp, measure);
        Table direct = measure(table, "directly", stage.createCall(), stage, warmUp, measure);
        return table.note("Each client posts its next call as soon as the last is answered, each call by a member "
                + "with no call in progress; a warm-up in rounds of " + warmUp.toSeconds() + " s until the JIT is "
                + "all but done (at most " + longest(warmUp).toSeconds() + " s), then " + measure.toSeconds()
                + " s measured. The rate limiter and bulkhead are lifted for this table (see table 4 for them). "
                + "Stack CPU: this JVM's (the whole local stack, MongoDB and Kafka included, and the load's "
                + "clients) from the end of the warm-up, once the broker delivered all, until the broker delivered "
                + "all the measured calls' events, divided by the calls answered.").followedBy(viaGateway).followedBy(direct);
    }

    /** @return for this route, what one call cost each function */
    private static Table measure(Table table, String route, Api api, Stage stage, Duration warmUp, Duration measure)
            throws InterruptedException {
        IntSupplier call = () -> api.call(stage.members().next()).status();
        Duration warmedIn = Load.warmUp(CLIENTS, warmUp, longest(warmUp), call);
        stage.settle();
        Work before = work(stage);
        Outcomes calls = Load.closedLoop(CLIENTS, Duration.ZERO, measure, call);
        stage.settle();
        Work after = work(stage);
        long answered = calls.count(201);
        table.row(route, CLIENTS, warmedIn.toSeconds(), Table.rate(calls.perSecond(s -> s == 201)), Table.ms(calls.percentileMillis(Outcomes.ANY, 50)),
                Table.ms(calls.percentileMillis(Outcomes.ANY, 99)), answered, calls.count(s -> s != 201),
                Table.ms((after.cpuNanos() - before.cpuNanos()) / 1e6 / answered));
        Table perCall = new Table("1b. What one call costs each function (" + route + ")", "function",
                "requests served per call", "MongoDB commands per call");
        double requests = 0;
        double commands = 0;
        for (String function : after.requests().keySet()) {
            double served = (after.requests().get(function) - before.requests().getOrDefault(function, 0.0)) / answered;
            double sent = (after.commands().get(function) - before.commands().getOrDefault(function, 0.0)) / answered;
            requests += served;
            commands += sent;
            if (served > 0 || sent > 0) {
                perCall.row(function, String.format("%.2f", served), String.format("%.2f", sent));
            }
        }
        return perCall.row("all of them", String.format("%.2f", requests), String.format("%.2f", commands))
                .note("From each function's own meters (`http.server.requests`, `mongodb.driver.commands`), over "
                        + "the same time as the CPU; the broker's deliveries are among the requests served.");
    }

    private static Duration longest(Duration round) {
        return round.multipliedBy(12);
    }

    private static Work work(Stage stage) {
        Map<String, Double> requests = new TreeMap<>();
        Map<String, Double> commands = new TreeMap<>();
        stage.stack().functions().forEach((name, function) -> {
            Api api = new Api(function.url());
            requests.put(name, count(api, "http.server.requests", stage));
            commands.put(name, count(api, "mongodb.driver.commands", stage));
        });
        long cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Work(requests, commands, cpu);
    }

    /** A meter that a function has not used yet (no MongoDB in sign-in, say) counts nothing. */
    private static double count(Api api, String meter, Stage stage) {
        Api.Answer answer = api.get("/actuator/metrics/" + meter, stage.stack().operatorToken());
        if (answer.status() == 404) {
            return 0;
        }
        for (var measurement : answer.body().path("measurements")) {
            if (measurement.path("statistic").asText().equals("COUNT")) {
                return measurement.path("value").asDouble();
            }
        }
        throw new IllegalStateException(meter + " has no count: " + answer.status() + " " + answer.body());
    }
}
