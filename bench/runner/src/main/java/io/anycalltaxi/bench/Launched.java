package io.anycalltaxi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.anycalltaxi.local.infra.FreePorts;

/**
 * An app the benchmark starts as a process of its own, on a free port ({@code PORT}): when it first
 * answers, and what Linux's /proc says of it (resident memory, CPU time).
 */
final class Launched implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    /** /proc/PID/stat counts CPU time in USER_HZ ticks, 100 a second on Linux. */
    private static final long MILLIS_PER_TICK = 10;

    private final List<String> command;
    private final Path log;
    private final Process process;
    private final URI url;
    private final long began;

    private Launched(List<String> command, Map<String, String> environment, Path log) throws IOException {
        this.command = command;
        this.log = log;
        int port = FreePorts.orFree(0);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        this.url = URI.create("http://127.0.0.1:" + port);
        this.began = System.nanoTime();
        this.process = builder.start();
    }

    /** @param environment added to this JVM's; {@code PORT} is set to a free port */
    static Launched start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        return new Launched(command, environment, log);
    }

    URI url() {
        return url;
    }

    /** @return milliseconds from launch until {@code probe} first answered 200 */
    long awaitAnswer(String probe, Duration patience) throws InterruptedException {
        while (!answers(url.resolve(probe))) {
            if (!process.isAlive() || System.nanoTime() - began > patience.toNanos()) {
                throw new IllegalStateException(command + " did not answer " + probe + "; see " + log);
            }
            Thread.sleep(10);
        }
        return sinceLaunch();
    }

    long sinceLaunch() {
        return (System.nanoTime() - began) / 1_000_000;
    }

    /** VmRSS: the process's resident memory. */
    long residentKb() throws IOException {
        try (Stream<String> status = Files.lines(proc("status"))) {
            return status.filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no VmRSS for process " + process.pid()));
        }
    }

    /** User and system CPU time the process has used so far, all its threads (utime + stime of /proc/PID/stat). */
    long cpuMillis() throws IOException {
        String stat = Files.readString(proc("stat"));
        // the fields after the command's name, which is in parentheses and may hold spaces: state is field 3
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) * MILLIS_PER_TICK;
    }

    private Path proc(String file) {
        return Path.of("/proc", Long.toString(process.pid()), file);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
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
}
