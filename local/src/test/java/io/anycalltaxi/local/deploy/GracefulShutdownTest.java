package io.anycalltaxi.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.infra.FreePorts;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * A function told to stop (SIGTERM, as Kubernetes does) in the middle of a request
 * finishes that request, answers it, then exits. payment runs from its own executable jar, as its
 * image runs it (the build packages it before these tests), with its payment gateway adapter
 * talking to a gateway that takes a second and a half to charge, so that the request is surely in flight.
 */
@ExtendWith(SharedStack.class)
class GracefulShutdownTest {

    private static final ScriptedHttpServer GATEWAY = new ScriptedHttpServer();

    @Test
    void aFunctionStoppedMidRequestAnswersItThenExits() throws Exception {
        int port = FreePorts.orFree(0);
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", paymentJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "graceful-shutdown-payment.log").toFile());
        LocalStack stack = SharedStack.stack();
        builder.environment().putAll(stack.functionEnvironment("payment"));
        builder.environment().put("PORT", Integer.toString(port));
        // the scripted gateway instead of the stack's, under the names the stack's settings have
        builder.environment().putAll(FunctionHost.asEnvironment(List.of("--anycalltaxi.card-processor.url=" + GATEWAY.url(),
                "--anycalltaxi.card-processor.secret-key=sk_test")));
        GATEWAY.script(Reply.json(200, "{\"id\":\"ch_1\",\"status\":\"succeeded\"}").after(Duration.ofMillis(1_500)));
        Process payment = builder.start();
        try {
            Api api = new Api(URI.create("http://127.0.0.1:" + port));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> api.get("/actuator/health/readiness").status() == 200);
            Api endTripPay = api.as(stack.workloads().token(stack.workloads().serviceAccount("end-trip-pay"), "payment"));
            String callId = UUID.randomUUID().toString();

            CompletableFuture<Api.Response> charging = CompletableFuture.supplyAsync(() -> endTripPay.post("/payments",
                    Map.of("callId", callId, "memberId", "member-1", "cardToken", "tok_local_visa_4242_abcdef12",
                            "cardLast4", "4242", "amount", Map.of("amount", 9_000, "currency", "KRW")),
                    "Idempotency-Key", callId + "#1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingPaymentFor(callId));
            payment.destroy();

            Api.Response answered = charging.get(30, TimeUnit.SECONDS);
            assertThat(answered.status()).as("answered after the stop was asked").isEqualTo(201);
            assertThat(answered.text("status")).isEqualTo("APPROVED");
            assertThat(payment.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        } finally {
            payment.destroyForcibly();
        }
    }

    private static Path paymentJar() throws IOException {
        Path target = LocalSettings.findProjectRoot().resolve("functions/payment/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("payment's jar is not built: ./mvnw verify builds it"));
        }
    }

    private static boolean pendingPaymentFor(String callId) {
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            return mongo.getDatabase("anycalltaxi").getCollection("payments")
                    .find(new Document("request.callId", callId)).first() != null;
        }
    }
}
