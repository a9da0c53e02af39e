package io.anycalltaxi.bench;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Table 4: a siege-style surge, 200 clients calling as fast as they are answered, against create-call's
 * limits; then whether every accepted call was stored and reached the customer's view.
 */
final class Surge {

    static final int CLIENTS = 200;
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private Surge() {
    }

    static Table table(Duration duration) {
        return new Table("4. Surge: " + CLIENTS + " clients for " + duration.toSeconds() + " s against create-call",
                "limits", "answers/s", "201 accepted", "429 refused", "503 refused", "other", "no answer",
                "refused p50 ms", "refused p99 ms", "refusing in create-call, mean ms", "accepted p99 ms", "accepted in MongoDB", "accepted in view",
                "view complete after s")
                .note(String.format("Through the gateway, as siege -c%d -t%ds would: each client calls again as soon "
                        + "as it is answered (it ignores Retry-After), with a new member once its call was accepted. "
                        + "Afterwards every accepted call was looked up in MongoDB (trips) and in project-view's read "
                        + "model (trip_views), waiting until the view had all of them. Refusing in create-call: the time "
                + "create-call itself spent on a refused call (its http.server.requests timer), apart from the "
                + "waiting for a thread and a core that the clients also see.", CLIENTS, duration.toSeconds()));
    }

    static void measure(Table table, Stage stage, Duration duration, String limits) throws InterruptedException {
        stage.members().prepare(CLIENTS * 10);
        Refusals before = Refusals.in(stage);
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        ThreadLocal<Members.Caller[]> caller = ThreadLocal.withInitial(() -> new Members.Caller[] { stage.members().next() });
        Outcomes answers = Load.closedLoop(CLIENTS, Duration.ZERO, duration, () -> {
            Members.Caller[] member = caller.get();
            Api.Answer answer = stage.gateway().call(member[0]);
            if (answer.status() == 201) {
                accepted.add(answer.text("callId"));
                member[0] = stage.members().next();
            }
            return answer.status();
        });
        Refusals refusals = Refusals.in(stage).since(before);
        List<String> callIds = new ArrayList<>(accepted);
        long waiting = System.nanoTime();
        long inView = count(stage, "trip_views", callIds);
        while (inView < callIds.size() && System.nanoTime() - waiting < CATCH_UP.toNanos()) {
            Thread.sleep(200);
            inView = count(stage, "trip_views", callIds);
        }
        double caughtUp = (System.nanoTime() - waiting) / 1e9;
        table.row(limits, Table.rate(answers.perSecond(s -> s != Outcomes.NO_ANSWER)), callIds.size(),
                answers.count(429), answers.count(503),
                answers.count(s -> s != 201 && s != 429 && s != 503 && s != Outcomes.NO_ANSWER),
                answers.count(Outcomes.NO_ANSWER), Table.ms(answers.percentileMillis(s -> s == 429 || s == 503, 50)),
                Table.ms(answers.percentileMillis(s -> s == 429 || s == 503, 99)), Table.ms(refusals.meanMillis()),
                Table.ms(answers.percentileMillis(s -> s == 201, 99)), count(stage, "trips", callIds), inView,
                inView == callIds.size() ? String.format("%.1f", caughtUp) : "NOT within " + CATCH_UP.toMinutes() + " min");
    }

    /** What create-call's own request timer recorded for refused calls (429 and 503 to POST /calls). */
    private record Refusals(long count, double totalMillis) {

        static Refusals in(Stage stage) {
            Collection<Timer> timers = stage.stack().function("create-call").context().getBean(MeterRegistry.class)
                    .find("http.server.requests").tag("uri", "/calls").tag("method", "POST").timers();
            return timers.stream().filter(t -> Set.of("429", "503").contains(t.getId().getTag("status")))
                    .map(t -> new Refusals(t.count(), t.totalTime(TimeUnit.MILLISECONDS)))
                    .reduce(new Refusals(0, 0), (a, b) -> new Refusals(a.count + b.count, a.totalMillis + b.totalMillis));
        }

        Refusals since(Refusals earlier) {
            return new Refusals(count - earlier.count, totalMillis - earlier.totalMillis);
        }

        double meanMillis() {
            return count == 0 ? Double.NaN : totalMillis / count;
        }
    }

    private static long count(Stage stage, String collection, List<String> callIds) {
        long found = 0;
        for (int from = 0; from < callIds.size(); from += 1_000) {
            List<String> batch = callIds.subList(from, Math.min(callIds.size(), from + 1_000));
            found += stage.mongo().count(query(where("_id").in(batch)), collection);
        }
        return found;
    }
}
