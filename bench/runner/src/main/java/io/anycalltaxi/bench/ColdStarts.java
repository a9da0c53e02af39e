package io.anycalltaxi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.functions.LocalFunctions;

/**
 * Tables 5 and 6: each function started as its image starts it ({@code bin/function}, in a JVM
 * of its own sized as under its Knative memory limit), timed from launch to ready and to its first
 * real request answered, and its resident memory then; beside the yardstick, a bare Spring Boot web
 * app run as {@code java -jar} on JDK 17, measured the same way in the same run. Table 6 takes the
 * levers away from one function one at a time.
 */
final class ColdStarts {

    /** As in a container limited to 512 MiB (service.yaml): the JVM sizes its heap and picks its GC from this. */
    static final String CONTAINER_MEMORY = "-XX:MaxRAM=512m";
    /** The heap's share of the container, as the images give it (jvm.options). */
    private static final String HEAP_SHARE = "-XX:MaxRAMPercentage=75";
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String LEVERS_ON = "create-call";

    private record Start(long readyMillis, long answeredMillis, int status, long rssKb) {
    }

    private record Measured(List<Start> starts) {

        long ready() {
            return median(Start::readyMillis);
        }

        long answered() {
            return median(Start::answeredMillis);
        }

        String range() {
            List<Long> all = starts.stream().map(Start::answeredMillis).sorted().toList();
            return all.getFirst() + "–" + all.getLast();
        }

        double rssMb() {
            return median(Start::rssKb) / 1024.0;
        }

        String statuses() {
            return String.join(" ", starts.stream().map(s -> Integer.toString(s.status())).distinct().toList());
        }

        private long median(Function<Start, Long> value) {
            List<Long> sorted = starts.stream().map(value).sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    /** How one launch is made: the command, and what it adds to the environment. */
    private record Launch(List<String> command, Map<String, String> environment) {
    }

    private final Path root;
    private final int starts;
    private final Path logs;
    private final FirstRequests first;
    private final LocalStack stack;
    private Measured bare;

    ColdStarts(Path root, Stage stage, int starts) throws IOException {
        this.root = root;
        this.starts = starts;
        this.logs = Files.createDirectories(root.resolve("bench/target/cold-starts"));
        this.first = new FirstRequests(stage);
        this.stack = stage.stack();
    }

    /** Table 5: every function. */
    Table functions() throws IOException, InterruptedException {
        Table table = new Table("5. Cold start: launch to ready and to the first real request answered (median of "
                + starts + "), and memory", "app", "ready ms", "first answer ms", "range ms", "answered", "RSS MB",
                "answer vs bare", "RSS vs bare");
        row(table, "bare Spring Boot web app, JDK 17 fat jar", bare(), bare());
        for (String function : LocalFunctions.applications().keySet()) {
            Launch launch = new Launch(List.of(root.resolve("bin/function").toString(), function), settingsOf(stack, function));
            row(table, function, measure(launch, () -> first.prepare(function), logs.resolve(function + ".log")), bare());
        }
        return table.note("Functions: `bin/function NAME` as the image runs it (" + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", the flags in its jvm.options, its AOT cache), with `JDK_JAVA_OPTIONS="
                + CONTAINER_MEMORY + "` for the container's memory limit, one at a time, the local stack idle beside "
                + "it. Ready: the first 200 from /actuator/health/readiness, the probe Knative waits for before it "
                + "routes a request (it needs MongoDB). First answer: from launch until the function answered its "
                + "first real request (FirstRequests: a token checked, MongoDB read and written); the status column "
                + "says what it answered. The bare app: `java " + CONTAINER_MEMORY + " -jar` on "
                + bareJava().getParent().getParent().getFileName() + ", its first 200 from GET /. RSS: VmRSS " + IDLE.toSeconds()
                + " s after the first answer. Logs: bench/target/cold-starts/.");
    }

    /** Table 6: the levers on one function, each taken away in turn. */
    Table levers() throws IOException, InterruptedException {
        Table table = new Table("6. What each lever gives: " + LEVERS_ON + " with one taken away (median of " + starts
                + ")", "as started", "ready ms", "first answer ms", "range ms", "RSS MB", "answer vs bare", "vs shipped");
        Map<String, Launch> variants = new LinkedHashMap<>();
        List<String> function = List.of(root.resolve("bin/function").toString(), LEVERS_ON);
        variants.put("as shipped: bin/function", new Launch(function, Map.of()));
        variants.put("without the AOT cache (-XX:AOTMode=off)", new Launch(function,
                Map.of("ANYCALLTAXI_JVM_OPTIONS", "-XX:AOTMode=off")));
        variants.put("without Spring AOT (-Dspring.aot.enabled=false)", new Launch(function,
                Map.of("ANYCALLTAXI_JVM_OPTIONS", "-Dspring.aot.enabled=false")));
        variants.put("with C2 (-XX:TieredStopAtLevel=4)", new Launch(function,
                Map.of("ANYCALLTAXI_JVM_OPTIONS", "-XX:TieredStopAtLevel=4")));
        variants.put("with G1 (-XX:+UseG1GC)", new Launch(function,
                Map.of("ANYCALLTAXI_JVM_OPTIONS", "-XX:-UseSerialGC -XX:+UseG1GC")));
        variants.put("lazy beans (-Dspring.main.lazy-initialization=true)", new Launch(function,
                Map.of("ANYCALLTAXI_JVM_OPTIONS", "-Dspring.main.lazy-initialization=true")));
        Path fatJar = jar(root.resolve("functions").resolve(LEVERS_ON).resolve("target"));
        variants.put("no lever: the fat jar (java -jar)", new Launch(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP_SHARE, "-jar",
                fatJar.toString()), Map.of()));
        Measured shipped = null;
        for (Map.Entry<String, Launch> variant : variants.entrySet()) {
            Map<String, String> env = settingsOf(stack, LEVERS_ON);
            env.putAll(variant.getValue().environment());
            Measured measured = measure(new Launch(variant.getValue().command(), env), () -> first.prepare(LEVERS_ON),
                    logs.resolve("levers-" + LEVERS_ON + ".log"));
            shipped = shipped == null ? measured : shipped;
            table.row(variant.getKey(), measured.ready(), measured.answered(), measured.range(),
                    String.format("%.0f", measured.rssMb()), Table.times((double) measured.answered() / bare().answered()),
                    Table.times((double) measured.answered() / shipped.answered()));
        }
        return table.note("Each row is the shipped start with one lever taken away (ANYCALLTAXI_JVM_OPTIONS adds flags "
                + "after the image's), or the function's fat jar as the images ran it before (same JDK 25). The "
                + "extracted jar is the lever the others stand on: the JDK's AOT cache cannot map classes from "
                + "nested jars, and the layout is what Spring AOT's classes are compiled into. The bare app: table 5's.");
    }

    /** As the stack gives the function, with this JVM as its JDK and the container's memory limit. */
    static Map<String, String> settingsOf(LocalStack stack, String function) {
        Map<String, String> settings = new HashMap<>(stack.functionEnvironment(function));
        settings.put("JAVA_HOME", System.getProperty("java.home"));
        settings.put("JDK_JAVA_OPTIONS", CONTAINER_MEMORY);
        return settings;
    }

    private Measured bare() throws IOException, InterruptedException {
        if (bare == null) {
            bare = measure(new Launch(List.of(bareJava().toString(), CONTAINER_MEMORY, HEAP_SHARE, "-jar",
                    jar(root.resolve("bench/bare-web/target")).toString()), Map.of()), null, logs.resolve("bare-web.log"));
        }
        return bare;
    }

    /** The yardstick's JDK: 17, as the functions ran before (BENCH_BARE_JAVA, or Debian's). */
    private static Path bareJava() {
        String configured = System.getenv("BENCH_BARE_JAVA");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(jvm -> jvm.getFileName().toString().matches("(java-17-openjdk|temurin-17).*"))
                    .map(jvm -> jvm.resolve("bin/java")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JDK 17 for the yardstick: set BENCH_BARE_JAVA"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(Table table, String app, Measured measured, Measured bare) {
        table.row(app, measured.ready(), measured.answered(), measured.range(), measured.statuses(),
                String.format("%.0f", measured.rssMb()), Table.times((double) measured.answered() / bare.answered()),
                Table.times(measured.rssMb() / bare.rssMb()));
    }

    /**
     * @param request what to send once ready, prepared before each launch; null for the bare app,
     *                whose readiness is its first answer to {@code GET /}
     */
    private Measured measure(Launch launch, Supplier<Function<Api, Api.Answer>> request, Path log)
            throws IOException, InterruptedException {
        List<Start> all = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            all.add(request == null ? start(launch, "/", null, log)
                    : start(launch, "/actuator/health/readiness", request.get(), log));
        }
        return new Measured(all);
    }

    private static Start start(Launch launch, String probe, Function<Api, Api.Answer> first, Path log)
            throws IOException, InterruptedException {
        try (Launched app = Launched.start(launch.command(), launch.environment(), log)) {
            long ready = app.awaitAnswer(probe, PATIENCE);
            int status = 200;
            if (first != null) {
                status = first.apply(new Api(app.url())).status();
                if (status >= 500 || status == Outcomes.NO_ANSWER) {
                    throw new IllegalStateException(launch.command() + " answered its first request " + status + "; see " + log);
                }
            }
            long answered = app.sinceLaunch();
            Thread.sleep(IDLE.toMillis());
            return new Start(ready, answered, status, app.residentKb());
        }
    }

    /** The executable jar a module built into {@code target}. */
    static Path jar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target + ": bench/run builds it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
