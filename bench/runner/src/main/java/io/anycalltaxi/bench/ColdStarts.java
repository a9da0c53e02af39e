package io.anycalltaxi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.functions.LocalFunctions;
import io.anycalltaxi.local.infra.FreePorts;

/**
 * Table 5: each function started as its image starts it (its executable jar, in a JVM of its own,
 * sized as under its Knative memory limit), timed from process start to the first answered request,
 * and its resident memory once idle; beside a bare Spring Boot web app measured the same way.
 */
final class ColdStarts {

    /** As in a container limited to 512 MiB (service.yaml): the JVM sizes its heap and picks its GC from this. */
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75");
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private record Start(long millis, long rssKb) {
    }

    private record Measured(List<Long> millis, List<Long> rssKb) {

        long medianMillis() {
            return median(millis);
        }

        double medianRssMb() {
            return median(rssKb) / 1024.0;
        }

        private static long median(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private ColdStarts() {
    }

    static Table run(Path root, LocalStack stack, int starts) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(root.resolve("bench/target/cold-starts"));
        Measured bare = measure(jar(root.resolve("bench/bare-web/target")), "/", Map.of(), starts,
                logs.resolve("bare-web.log"));
        Table table = new Table("5. Cold start (process start to first answered request, median of " + starts
                + ") and idle memory", "app", "first answer ms", "range ms", "idle RSS MB", "start vs bare", "RSS vs bare");
        row(table, "bare Spring Boot web app", bare, bare);
        Map<String, String> environment = new HashMap<>(stack.functionEnvironment());
        environment.put("K_SINK", stack.brokerIngress("anycalltaxi").toString());
        // payment and register-member need a payment gateway configured, not reached: readiness asks MongoDB only
        environment.put("ANYCALLTAXI_CARD_PROCESSOR_URL", "http://127.0.0.1:9");
        environment.put("ANYCALLTAXI_CARD_PROCESSOR_SECRET_KEY", "sk_unused");
        for (String function : LocalFunctions.applications().keySet()) {
            Measured measured = measure(jar(root.resolve("functions").resolve(function).resolve("target")),
                    "/actuator/health/readiness", environment, starts, logs.resolve(function + ".log"));
            row(table, function, measured, bare);
        }
        return table.note("Each app is its executable jar run by `java " + String.join(" ", JVM_FLAGS)
                + " -jar` (" + System.getProperty("java.vm.name") + " " + Runtime.version()
                + "), one at a time, with the local stack idle beside it. First answer: a function's first 200 "
                + "from /actuator/health/readiness, the probe Knative waits for before it routes a request (it "
                + "needs MongoDB); the bare app's first 200 from GET /. Idle RSS: VmRSS " + IDLE.toSeconds()
                + " s after that answer. Logs: bench/target/cold-starts/.");
    }

    private static void row(Table table, String app, Measured measured, Measured bare) {
        table.row(app, measured.medianMillis(), measured.millis().stream().min(Long::compare).orElseThrow() + "–"
                + measured.millis().stream().max(Long::compare).orElseThrow(), String.format("%.0f", measured.medianRssMb()),
                Table.times((double) measured.medianMillis() / bare.medianMillis()),
                Table.times(measured.medianRssMb() / bare.medianRssMb()));
    }

    private static Measured measure(Path jar, String probe, Map<String, String> environment, int starts, Path log)
            throws IOException, InterruptedException {
        List<Long> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            Start start = start(jar, probe, environment, log);
            millis.add(start.millis());
            rss.add(start.rssKb());
        }
        return new Measured(millis, rss);
    }

    private static Start start(Path jar, String probe, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        int port = FreePorts.orFree(0);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        long began = System.nanoTime();
        Process process = builder.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + port + probe);
            while (!answers(url)) {
                if (!process.isAlive() || System.nanoTime() - began > PATIENCE.toNanos()) {
                    throw new IllegalStateException(jar.getFileName() + " did not answer " + probe + "; see " + log);
                }
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - began) / 1_000_000;
            Thread.sleep(IDLE.toMillis());
            return new Start(millis, residentKb(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean answers(URI url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** VmRSS from Linux's /proc: the process's resident memory. */
    private static long residentKb(long pid) throws IOException {
        try (Stream<String> status = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return status.filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
        }
    }

    private static Path jar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target + ": bench/run builds it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
