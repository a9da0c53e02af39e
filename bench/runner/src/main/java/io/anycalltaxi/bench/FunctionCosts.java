package io.anycalltaxi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import io.anycalltaxi.core.cloudevents.EventFactory;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.LocationReported;
import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.PhoneIdentity;
import io.anycalltaxi.local.LocalStack;

/**
 * Table 7: what one request costs a function in CPU, alone in its own process as its image starts
 * it ({@code bin/function}), beside the yardstick ({@code bench/same-io}) doing the same I/O with
 * the same libraries and JVM flags and nothing else, in the same run. CPU is the process's user
 * and system time from /proc over the measured time, divided by the requests it answered.
 */
final class FunctionCosts {

    private static final int CLIENTS = 4;
    private static final int TRIPS_READ = 20;
    private static final int TAXIS = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Map<String, Object> CALL = Map.of("pickup", Api.CITY_HALL, "dropoff", Api.GANGNAM);

    /** A request made again and again against an app: what it is, and the status that means done. */
    private record Work(Function<Api, IntSupplier> request, int done) {
    }

    /** A function's request, and the yardstick's requests that do that I/O, each named by what it does. */
    private record Case(String function, String request, Work work, List<Map.Entry<String, Work>> yardsticks) {
    }

    /** How an app is started, and what answers 200 once it is up. */
    private record App(String name, List<String> command, Map<String, String> environment, String probe) {
    }

    /** @param idleCpuMillisPerSecond what the process used idle, after its warm-up: its schedules, GC, the JIT */
    private record Cost(double cpuMillisPerRequest, double idleCpuMillisPerSecond, double perSecond, double p50,
            long done, long other) {
    }

    private final Path root;
    private final Stage stage;
    private final LocalStack stack;
    private final Duration warmUp;
    private final Duration measure;
    private final Path logs;
    private final Set<String> only;

    /** @param only the functions to measure; empty for all of them */
    FunctionCosts(Path root, Stage stage, Duration warmUp, Duration measure, Set<String> only) throws IOException {
        this.only = only;
        this.root = root;
        this.stage = stage;
        this.stack = stage.stack();
        this.warmUp = warmUp;
        this.measure = measure;
        this.logs = Files.createDirectories(root.resolve("bench/target/function-costs"));
    }

    Table run() throws IOException, InterruptedException {
        Table table = new Table("7. CPU per request: each function alone in its process, beside a yardstick doing "
                + "its I/O", "function", "request", "app", "CPU ms/request", "vs yardstick", "idle CPU ms/s", "requests/s", "p50 ms",
                "answered", "other answers");
        HttpServer sink = sink();
        try {
            for (Case each : cases()) {
                Cost function = measure(functionLaunch(each.function()), each.work());
                table.row(each.function(), each.request(), "the function", cpu(function), "", Table.ms(function.idleCpuMillisPerSecond()), Table.rate(function.perSecond()),
                        Table.ms(function.p50()), function.done(), function.other());
                for (Map.Entry<String, Work> yardstick : each.yardsticks()) {
                    Cost same = measure(yardstickLaunch(each.function(), sink), yardstick.getValue());
                    table.row("", "", "yardstick: " + yardstick.getKey(), cpu(same),
                            Table.times(function.cpuMillisPerRequest() / same.cpuMillisPerRequest()),
                            Table.ms(same.idleCpuMillisPerSecond()),
                            Table.rate(same.perSecond()), Table.ms(same.p50()), same.done(), same.other());
                }
            }
        } finally {
            sink.stop(0);
        }
        return table.note(CLIENTS + " clients in a closed loop, " + warmUp.toSeconds() + " s of warm-up, then "
                + measure.toSeconds() + " s measured; one process at a time, the local stack beside it (its MongoDB, "
                + "broker and the other functions, which take what the function sends on). The function: `bin/function "
                + "NAME` with `JDK_JAVA_OPTIONS=" + ColdStarts.CONTAINER_MEMORY + "`, given its real token; the yardstick: "
                + "`java` with the function's -XX flags from its jvm.options and the same memory limit, no token, posting "
                + "its CloudEvents to a sink in the benchmark that answers 202 (the function posts to the broker). CPU: "
                + "utime + stime of /proc/PID/stat, 10 ms ticks, over the measured time, divided by the requests answered "
                + "as expected; idle: the same over " + IDLE.toSeconds() + " s without load after the warm-up, which "
                + "the CPU per request includes (at a low rate it weighs more). Logs: bench/target/function-costs/.");
    }

    /** Each made only if it is measured: some prepare trips or taxis first. */
    private List<Case> cases() throws InterruptedException {
        Map<String, CaseMaker> makers = new LinkedHashMap<>();
        makers.put("create-call", this::createCall);
        makers.put("project-view", this::projectView);
        makers.put("driver-ingress", this::driverIngress);
        makers.put("register-member", this::memberProfile);
        makers.put("usage-insights", this::insights);
        makers.put("assign-taxi", this::driverOffers);
        makers.put("end-trip-pay", this::operatorsTrips);
        makers.put("sign-in", this::signingKeys);
        if (!makers.keySet().containsAll(only)) {
            throw new IllegalArgumentException("table 7 measures " + makers.keySet() + ", not all of " + only);
        }
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, CaseMaker> maker : makers.entrySet()) {
            if (only.isEmpty() || only.contains(maker.getKey())) {
                cases.add(maker.getValue().make());
            }
        }
        return cases;
    }

    private interface CaseMaker {
        Case make() throws InterruptedException;
    }

    private Case createCall() {
        Work call = new Work(api -> () -> api.call(stage.members().next()).status(), 201);
        String member = "read=members:%s";
        return new Case("create-call", "POST /calls", call, List.of(
                Map.entry("a member read, an insert, a broker POST", new Work(api -> () -> api.post("/io?" + member.formatted(stage.members().next().memberId())
                        + "&inserts=1&posts=1", CALL, null).status(), 201)),
                Map.entry("its 6 round trips: a read, an insert, 3 updates (its 2 read-and-updates, its mark), a POST", new Work(api -> () -> api.post("/io?" + member.formatted(stage.members().next().memberId())
                        + "&inserts=1&updates=3&posts=1", CALL, null).status(), 201))));
    }

    /** A few calls made through the stack, each read again and again by its member. */
    private Case projectView() throws InterruptedException {
        List<Members.Caller> callers = new ArrayList<>();
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < TRIPS_READ; i++) {
            Members.Caller caller = stage.members().next();
            callIds.add(stage.gateway().call(caller).text("callId"));
            callers.add(caller);
        }
        stage.settle();
        AtomicLong turn = new AtomicLong();
        IntSupplier next = () -> (int) (turn.getAndIncrement() % TRIPS_READ);
        return new Case("project-view", "GET /trips/{callId}", new Work(api -> () -> {
            int i = next.getAsInt();
            return api.get("/trips/" + callIds.get(i), callers.get(i).token()).status();
        }, 200), List.of(Map.entry("the view read, the member's profile read", new Work(api -> () -> {
            int i = next.getAsInt();
            return api.get("/io?read=trip_views:" + callIds.get(i) + "&read=member_profiles:"
                    + callers.get(i).memberId(), null).status();
        }, 200))));
    }

    /** A few taxis, each with its driver's token, taken in turn. */
    private record Drivers(List<String> taxiIds, List<String> tokens, AtomicLong turn) {
        int next() {
            return (int) (turn.getAndIncrement() % taxiIds.size());
        }
    }

    /** @param phones the first four digits of the drivers' phone numbers, apart from other cases' */
    private Drivers drivers(String name, String phones) {
        List<String> taxis = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TAXIS; i++) {
            String taxiId = name + "-" + i + "-" + System.nanoTime();
            taxis.add(taxiId);
            tokens.add(stack.people().accessFor(new PhoneIdentity(PhoneNumber.parse(String.format(phones + "%07d", i))
                    .orElseThrow(), null, taxiId), TOKEN_LIFETIME).value());
        }
        return new Drivers(taxis, tokens, new AtomicLong());
    }

    /** Location reports of a few taxis, each with its driver's token. */
    private Case driverIngress() {
        Drivers drivers = drivers("taxi-cost", "0109");
        return new Case("driver-ingress", "POST /events (a location report)", new Work(api -> () -> {
            int i = drivers.next();
            String taxiId = drivers.taxiIds().get(i);
            return api.post("/events", EventFactory.fromProducer(URI.create("/drivers/" + taxiId),
                    EventType.DRIVER_LOCATION_REPORTED, null, new LocationReported(taxiId, 37.5, 127.0, true)),
                    drivers.tokens().get(i)).status();
        }, 202), List.of(Map.entry("a broker POST", new Work(api -> () -> api.post("/io?posts=1",
                Map.of("taxiId", "taxi-cost", "latitude", 37.5, "longitude", 127.0, "available", true), null).status(),
                201))));
    }

    /** A member reading its own profile. */
    private Case memberProfile() {
        return new Case("register-member", "GET /members/{memberId}", new Work(api -> () -> {
            Members.Caller caller = stage.members().next();
            return api.get("/members/" + caller.memberId(), caller.token()).status();
        }, 200), List.of(Map.entry("the member read", new Work(api -> () -> api.get("/io?read=members:"
                + stage.members().next().memberId(), null).status(), 200))));
    }

    /** A member reading its insights and the promotions it may use. */
    private Case insights() {
        return new Case("usage-insights", "GET /members/{memberId}/insights", new Work(api -> () -> {
            Members.Caller caller = stage.members().next();
            return api.get("/members/" + caller.memberId() + "/insights", caller.token()).status();
        }, 200), List.of(Map.entry("the insights read, the member's promotions found", new Work(api -> () -> {
            String memberId = stage.members().next().memberId();
            return api.get("/io?read=member_insights:" + memberId + "&find=promotions:memberId:" + memberId, null)
                    .status();
        }, 200))));
    }

    /** A driver asking for the offers near its taxi. */
    private Case driverOffers() {
        Drivers drivers = drivers("taxi-offers", "0108");
        return new Case("assign-taxi", "GET /drivers/{taxiId}/offers", new Work(api -> () -> {
            int i = drivers.next();
            return api.get("/drivers/" + drivers.taxiIds().get(i) + "/offers", drivers.tokens().get(i)).status();
        }, 200), List.of(Map.entry("the taxi read, its open offers found", new Work(api -> () -> {
            String taxiId = drivers.taxiIds().get(drivers.next());
            return api.get("/io?read=taxis:" + taxiId + "&find=dispatches:offeredTaxiIds:" + taxiId, null).status();
        }, 200))));
    }

    /** An operator listing the trips that need a person. */
    private Case operatorsTrips() {
        return new Case("end-trip-pay", "GET /operations/trips", new Work(api -> () -> api.get("/operations/trips",
                stack.operatorToken()).status(), 200), List.of(Map.entry("the flagged trips found", new Work(
                        api -> () -> api.get("/io?find=trips:flagged:true", null).status(), 200))));
    }

    /** Anyone fetching the keys that sign people's tokens: no I/O, so the yardstick answers a constant. */
    private Case signingKeys() {
        return new Case("sign-in", "GET /.well-known/jwks.json", new Work(api -> () -> api.get(
                "/.well-known/jwks.json", null).status(), 200), List.of(Map.entry("no I/O", new Work(
                        api -> () -> api.get("/", null).status(), 200))));
    }

    private Cost measure(App launch, Work work) throws IOException, InterruptedException {
        try (Launched app = Launched.start(launch.command(), launch.environment(), logs.resolve(launch.name() + ".log"))) {
            app.awaitAnswer(launch.probe(), PATIENCE);
            IntSupplier request = work.request().apply(new Api(app.url()));
            Load.closedLoop(CLIENTS, Duration.ZERO, warmUp, request);
            long idleFrom = app.cpuMillis();
            Thread.sleep(IDLE.toMillis());
            double idle = (app.cpuMillis() - idleFrom) * 1000.0 / IDLE.toMillis();
            long before = app.cpuMillis();
            Outcomes outcomes = Load.closedLoop(CLIENTS, Duration.ZERO, measure, request);
            long used = app.cpuMillis() - before;
            long done = outcomes.count(work.done());
            return new Cost(done == 0 ? Double.NaN : (double) used / done, idle, outcomes.perSecond(s -> s == work.done()),
                    outcomes.percentileMillis(Outcomes.ANY, 50), done, outcomes.count(s -> s != work.done()));
        }
    }

    private App functionLaunch(String function) {
        return new App(function, List.of(root.resolve("bin/function").toString(), function),
                ColdStarts.settingsOf(stack, function), "/actuator/health/readiness");
    }

    private App yardstickLaunch(String function, HttpServer sink) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(ColdStarts.CONTAINER_MEMORY);
        try (Stream<String> options = Files.lines(root.resolve("functions").resolve(function)
                .resolve("target/function/jvm.options"))) {
            options.map(String::strip).filter(option -> option.startsWith("-XX:")).forEach(command::add);
        }
        command.addAll(List.of("-jar", ColdStarts.jar(root.resolve("bench/same-io/target")).toString()));
        return new App("same-io-" + function, command, Map.of("SPRING_DATA_MONGODB_URI", stack.mongoUri(),
                "SAME_IO_SINK", "http://127.0.0.1:" + sink.getAddress().getPort() + "/"), "/");
    }

    /** Where the yardstick posts its events: takes each, answers 202, as the broker does once it stored one. */
    private static HttpServer sink() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String cpu(Cost cost) {
        return String.format("%.2f", cost.cpuMillisPerRequest());
    }
}
