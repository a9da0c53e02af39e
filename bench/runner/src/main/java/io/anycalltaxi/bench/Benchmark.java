package io.anycalltaxi.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.util.FileSystemUtils;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.LocalStack;

/**
 * {@code bench/run}: starts the local stack as the quick start does (embedded MongoDB with durable
 * writes, embedded Kafka, every function, the gateway), puts load on it, and prints five tables.
 * {@code --quick} runs each part briefly: a check that the command works, not figures to quote.
 * {@code --only=1,4} runs only those tables; {@code --functions=create-call,sign-in} only those
 * functions in table 7. {@code --in-memory} keeps MongoDB's and Kafka's data
 * in memory and a throw-away folder, as the tests do, to see what the file-backed stand-ins cost.
 */
public final class Benchmark {

    /** How long each part runs. */
    private record Pace(Duration warmUp, Duration measure, Duration arrivals, int drivers, Duration trips,
            Duration surge, int starts) {
    }

    private static final Pace FULL = new Pace(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(20), 8,
            Duration.ofSeconds(30), Duration.ofSeconds(20), 5);
    private static final Pace QUICK = new Pace(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3), 2,
            Duration.ofSeconds(5), Duration.ofSeconds(5), 1);

    /** Lifted: capacity is what is measured. */
    private static final int UNLIMITED = 1_000_000;
    /** Below the ~30 calls a second the whole stack takes on 2 cores (table 1), so that refusing stays cheap. */
    private static final int SIZED_RATE = 20;
    private static final int SIZED_AT_A_TIME = 8;

    private interface Measurement {
        Table run() throws IOException, InterruptedException;
    }

    private final Path root;
    private final Pace pace;
    private final Set<Integer> wanted;
    private final Set<String> functions;
    private final Map<Integer, Table> tables = new TreeMap<>();

    private Benchmark(Path root, Pace pace, Set<Integer> wanted, Set<String> functions) {
        this.functions = functions;
        this.root = root;
        this.pace = pace;
        this.wanted = wanted;
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Set<Integer> wanted = options.stream().filter(o -> o.startsWith("--only=")).findFirst()
                .map(o -> Arrays.stream(o.substring("--only=".length()).split(",")).map(Integer::valueOf)
                        .collect(Collectors.toSet()))
                .orElse(Set.of(1, 2, 3, 4, 5, 6, 7));
        Set<String> functions = options.stream().filter(o -> o.startsWith("--functions=")).findFirst()
                .map(o -> Set.of(o.substring("--functions=".length()).split(","))).orElse(Set.of());
        Path root = LocalSettings.findProjectRoot();
        Path target = Files.createDirectories(root.resolve("bench/target"));
        // The stack's logs go to a file: the console is for the figures. (MongoDB and Kafka start
        // before Spring Boot sets logging up from these properties, under logback's defaults.)
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.setProperty("logging.file.name", target.resolve("bench-stack.log").toString());
        System.setProperty("logging.threshold.console", "OFF");
        boolean inMemory = options.contains("--in-memory");
        Path data = Files.createTempDirectory("anycalltaxi-bench");
        Benchmark benchmark = new Benchmark(root, options.contains("--quick") ? QUICK : FULL, wanted, functions);
        String report;
        try (LocalStack stack = LocalStack.start(new LocalSettings(root, inMemory ? null : data, !inMemory, null, null,
                "127.0.0.1", 0, 0, 0, 0, 0, 0, 0, Map.of(), true, List.of(), List.of(), Map.of(), Map.of()))) {
            report = benchmark.measure(stack);
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
        Files.writeString(target.resolve("benchmarks.md"), report);
        System.out.println(report);
        System.out.println("(also in " + root.relativize(target.resolve("benchmarks.md")) + ")");
        // The HTTP clients' and the stack's pools hold non-daemon threads that nothing here needs any more.
        System.exit(0);
    }

    /**
     * Cold starts first, while nothing else runs; then capacity, with create-call's limits lifted;
     * the surge last, with the limits as shipped.
     */
    private String measure(LocalStack stack) throws IOException, InterruptedException {
        MongoTemplate mongo = new MongoTemplate(new SimpleMongoClientDatabaseFactory(stack.mongoUri()));
        Stage stage = new Stage(stack, new Api(stack.gateway()), new Api(stack.function("create-call").url()), mongo,
                new Members(mongo, stack.people()));
        stage.members().prepare(10_000);
        ColdStarts coldStarts = new ColdStarts(root, stage, pace.starts());
        run(5, stage, coldStarts::functions);
        run(6, stage, coldStarts::levers);
        CallLimits limits = CallLimits.of(stack);
        try (CallLimits lifted = limits.set(UNLIMITED, UNLIMITED)) {
            run(3, stage, () -> WholeTrips.run(stage, pace.drivers(), pace.trips()));
            run(2, stage, () -> CallToView.run(stage, pace.arrivals()));
            run(1, stage, () -> CallThroughput.run(stage, pace.warmUp(), pace.measure()));
            run(7, stage, () -> new FunctionCosts(root, stage, pace.warmUp(), pace.measure(), functions).run());
        }
        run(4, stage, () -> {
            Table surge = Surge.table(pace.surge());
            Surge.measure(surge, stage, pace.surge(), "as shipped: " + limits.describe());
            stage.settle();
            try (CallLimits sized = limits.set(SIZED_RATE, SIZED_AT_A_TIME)) {
                Surge.measure(surge, stage, pace.surge(), "sized for this machine: " + limits.describe());
            }
            return surge.note("create-call's limits as shipped are sized for one pod of its own, with MongoDB and "
                    + "Kafka elsewhere; here one JVM on this machine runs everything, so a second run sizes them "
                    + "below what table 1 measured this whole machine to take.");
        });
        StringBuilder report = new StringBuilder(String.format("## Measured %s on %d cores, %.0f GiB, %s %s%s%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), totalMemoryGib(),
                System.getProperty("java.vm.name"), Runtime.version(), pace == QUICK ? " (--quick: not figures to quote)" : ""));
        tables.values().forEach(table -> report.append(table).append("\n"));
        return report.toString();
    }

    /** Each measurement starts once the broker has delivered what the last one sent, so it does not pay for it. */
    private void run(int number, Stage stage, Measurement measurement) throws IOException, InterruptedException {
        if (!wanted.contains(number)) {
            return;
        }
        stage.settle();
        System.out.printf("%s measuring table %d...%n", LocalTime.now().withNano(0), number);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        Table table = measurement.run();
        table.note("Live threads: at most " + threads.getPeakThreadCount() + " in this JVM during the measurement "
                + "(the stack and the load's clients; virtual threads not counted), " + threads.getThreadCount()
                + " after it.");
        System.out.println(table);
        tables.put(number, table);
    }

    private static double totalMemoryGib() {
        try (Stream<String> meminfo = Files.lines(Path.of("/proc/meminfo"))) {
            return meminfo.filter(line -> line.startsWith("MemTotal:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0) / 1048576.0;
        } catch (IOException notLinux) {
            return Double.NaN;
        }
    }
}
