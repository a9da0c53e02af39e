package io.anycalltaxi.local.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.LocalRuntime;
import io.anycalltaxi.local.infra.FreePorts;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Rider;

/**
 * The local runtime killed with SIGKILL right after it acknowledged its last call loses none: in a
 * child process on a fresh data folder, N calls are taken by 16 clients at once, the process is
 * killed at the last 201, started again on the same data, and every call is dispatched and in the
 * customer's view; then the same on that (now warm) data.
 */
class CrashTest {

    private static final Logger log = LoggerFactory.getLogger(CrashTest.class);
    private static final int FRESH_CALLS = 40;
    private static final int WARM_CALLS = 20;
    private static final int CLIENTS = 16;
    private static final String READY = "AnycallTaxi is running locally";
    private static final List<String> PORTS = List.of("gateway-port", "control-plane-port", "mongo-port", "kafka-port",
            "kafka-controller-port", "sms-recorder-port", "card-gateway-port", "function-port.register-member", "function-port.create-call",
            "function-port.assign-taxi", "function-port.start-trip", "function-port.end-trip-pay",
            "function-port.payment", "function-port.notify-friend", "function-port.project-view",
            "function-port.review-trip", "function-port.usage-insights", "function-port.sign-in",
            "function-port.driver-ingress");

    @TempDir
    Path data;

    private final List<String> ports = new ArrayList<>();
    private Process runtime;
    private int launches;

    /** The runtime's logs are kept in target/crash-test: the data folder goes with the test. */
    @AfterEach
    void stop() throws IOException {
        if (runtime != null) {
            runtime.destroyForcibly();
        }
        Path kept = Files.createDirectories(Path.of("target", "crash-test"));
        for (int launch = 1; launch <= launches; launch++) {
            String log = "runtime-" + launch + ".log";
            Files.copy(data.resolve(log), kept.resolve(log), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void noAcknowledgedCallIsLostWhenTheRuntimeIsKilled() throws Exception {
        // fixed across the restarts; below the ephemeral range, where a client connection cannot take one meanwhile
        PORTS.forEach(key -> ports.add("-Danycalltaxi.local." + key + "=" + FreePorts.orFree(0)));
        List<String> acknowledged = new ArrayList<>();

        start();
        acknowledged.addAll(callThenKill(FRESH_CALLS));
        start();
        awaitAllVisible(acknowledged);
        log.info("fresh data: {} calls acknowledged before the kill, {} found after it", FRESH_CALLS,
                acknowledged.size());

        acknowledged.addAll(callThenKill(WARM_CALLS));
        start();
        awaitAllVisible(acknowledged);
        log.info("warm data: {} calls acknowledged in all, {} found after the second kill",
                FRESH_CALLS + WARM_CALLS, acknowledged.size());
    }

    private Api gateway() {
        return new Api(URI.create("http://127.0.0.1:" + port("gateway-port")));
    }

    private URI smsRecorder() {
        return URI.create("http://127.0.0.1:" + port("sms-recorder-port"));
    }

    private Api operator() throws IOException {
        return gateway().as(Files.readString(data.resolve("operator.token")).strip());
    }

    /** Members sign up, then each makes one call, 16 at a time; SIGKILL right after the last 201. */
    private List<String> callThenKill(int calls) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Rider>> signingUp = IntStream.range(0, calls)
                    .mapToObj(i -> clients.submit(() -> Rider.signUp(gateway(), smsRecorder(), "4242424242424242")))
                    .toList();
            List<Rider> riders = new ArrayList<>();
            for (Future<Rider> rider : signingUp) {
                riders.add(rider.get());
            }
            log.info("{} members signed up", riders.size());
            List<Future<String>> calling = riders.stream().map(rider -> clients.submit(() -> acknowledged(rider)))
                    .toList();
            List<String> callIds = new ArrayList<>();
            for (Future<String> call : calling) {
                callIds.add(call.get());
            }
            log.info("{} calls acknowledged", callIds.size());
            runtime.destroyForcibly().waitFor();
            return callIds;
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * A call the runtime took (201). A refusal (503 while a dependency is slow to answer, 429) is
     * not acknowledged, and the client asks again, as the customer's app does.
     */
    private static String acknowledged(Rider rider) {
        Place pickup = Rider.somewhere();
        Map<String, Object> call = Map.of("pickup", pickup, "dropoff", Rider.near(pickup, 2_000));
        Api.Response taken = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> rider.api.post("/calls", call), answer -> answer.status() != 503 && answer.status() != 429);
        assertThat(taken.status()).as(taken.body().toString()).isEqualTo(201);
        return taken.text("callId");
    }

    private void awaitAllVisible(List<String> callIds) throws IOException {
        Api operator = operator();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(callIds).allSatisfy(callId -> {
                    JsonNode view = operator.get("/trips/" + callId).body();
                    assertThat(view.path("timeline").toString()).as(callId).contains("call.requested")
                            .contains("call.offered");
                }));
    }

    /** Starts the local runtime as its own process on the test's data folder and ports; returns once it is up. */
    private void start() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // C1 only: on two cores the runtime starts in about two thirds of the time, and this test
        // measures what survives, not how fast
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", classpath));
        command.addAll(ports);
        // every client of the test signs in from this one address
        command.add("-Danycalltaxi.sign-in.limits.per-address.requests=100000");
        command.add(LocalRuntime.class.getName());
        Path output = data.resolve("runtime-" + (++launches) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("ANYCALLTAXI_DATA_DIR", data.toString()));
        runtime = builder.start();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(runtime.isAlive()).as("the runtime is running; see " + output).isTrue();
            return Files.readString(output).contains(READY);
        });
        log.info("runtime started ({})", output.getFileName());
    }

    private String port(String key) {
        return ports.stream().filter(p -> p.startsWith("-Danycalltaxi.local." + key + "=")).findFirst().orElseThrow()
                .split("=")[1];
    }
}
