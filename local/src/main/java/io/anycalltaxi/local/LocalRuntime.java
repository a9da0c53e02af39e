package io.anycalltaxi.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.anycalltaxi.local.functions.FunctionHost;

/**
 * {@code ./mvnw -pl local -am spring-boot:run}: the whole system on this machine, no server to
 * install. Prints where everything is, runs until Ctrl-C.
 */
public final class LocalRuntime {

    private static final String OVERRIDE = "anycalltaxi.local.";

    private LocalRuntime() {
    }

    public static void main(String[] args) throws Exception {
        LocalSettings settings = settings();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (Exception | Error failed) {
            // what started is stopped already; a thread still starting must not keep a dead runtime alive
            failed.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-runtime-shutdown"));
        System.out.println(table(stack));
        stopped.await();
    }

    /** local-runtime.properties, each key overridable by a system property {@code anycalltaxi.local.<key>}. */
    static LocalSettings settings() {
        Properties file = new Properties();
        try (InputStream in = LocalRuntime.class.getResourceAsStream("/local-runtime.properties")) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(OVERRIDE))
                .forEach(key -> file.setProperty(key.substring(OVERRIDE.length()), System.getProperty(key)));
        Path root = LocalSettings.findProjectRoot();
        String dataDir = System.getenv().getOrDefault("ANYCALLTAXI_DATA_DIR", file.getProperty("data-dir"));
        Map<String, Integer> functionPorts = new LinkedHashMap<>();
        file.stringPropertyNames().stream().filter(key -> key.startsWith("function-port.")).sorted()
                .forEach(key -> functionPorts.put(key.substring("function-port.".length()),
                        Integer.parseInt(file.getProperty(key))));
        return new LocalSettings(root, root.resolve(dataDir),
                Boolean.parseBoolean(file.getProperty("durable-mongo-writes")),
                System.getenv("MONGODB_URI"), System.getenv("KAFKA_BOOTSTRAP_SERVERS"), file.getProperty("host"),
                port(file, "gateway-port"), port(file, "control-plane-port"), port(file, "mongo-port"),
                port(file, "kafka-port"), port(file, "kafka-controller-port"), port(file, "sms-recorder-port"), port(file, "card-gateway-port"), functionPorts,
                Boolean.parseBoolean(file.getProperty("schedule-pings")), traces(file), List.of(), Map.of(), Map.of())
                .asImages(Arrays.stream(file.getProperty("own-processes", "").split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList());
    }

    /** traces=on: every request traced, to the console's /traces/{id} (and to OTEL_EXPORTER_OTLP_ENDPOINT if set). */
    private static List<String> traces(Properties file) {
        return "on".equals(file.getProperty("traces", "off"))
                ? List.of("--" + LocalStack.SAMPLING + "=1.0") : List.of();
    }

    private static int port(Properties file, String key) {
        return Integer.parseInt(file.getProperty(key));
    }

    static String table(LocalStack stack) {
        StringBuilder table = new StringBuilder("\nAnycallTaxi is running locally (Ctrl-C stops it)\n\n");
        row(table, "gateway: the API", stack.gateway().toString());
        row(table, "the API's document (Swagger UI)", stack.gateway() + "/swagger-ui.html");
        row(table, "broker ingress (CloudEvents)", stack.brokerIngress("anycalltaxi").toString());
        row(table, "console: functions", stack.controlPlane() + "/functions");
        row(table, "console: dead letters", stack.controlPlane() + "/dead-letters");
        row(table, "console: a trace (traces=on)", stack.controlPlane() + "/traces/{traceId}");
        row(table, "console: operator token", stack.operatorTokenFile().toString());
        row(table, "SMS recorder (texts sent)", stack.smsRecorder() + "/messages?phone=");
        row(table, "MongoDB", stack.mongoUri());
        row(table, "Kafka", stack.kafkaBootstrapServers());
        for (FunctionHost function : stack.functions().values()) {
            row(table, "function " + function.name(), function.url().toString());
        }
        return table.toString();
    }

    private static void row(StringBuilder table, String what, String where) {
        table.append(String.format("  %-32s %s%n", what, where));
    }
}
