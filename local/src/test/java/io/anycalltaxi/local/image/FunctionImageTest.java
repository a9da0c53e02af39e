package io.anycalltaxi.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.card.CardDetails;
import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.core.events.CallWaiting;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.core.testing.CloudEventClient;
import io.anycalltaxi.local.LocalSettings;
import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.card.LocalCardProcessor;
import io.anycalltaxi.local.identity.LocalSecrets;
import io.anycalltaxi.local.infra.FreePorts;
import io.anycalltaxi.local.sms.SmsRecorderApplication;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;
import io.cloudevents.CloudEvent;

/**
 * Functions started by {@code bin/function} as their images start them: the jar extracted, Spring
 * AOT's bean definitions, the JVM's flags and its AOT cache. Spring AOT decides {@code @Conditional}
 * beans and profiles at build time, so each switch a deployment sets (which SMS provider, which
 * card processor) must still take effect at run time: each test points the function at a provider
 * of its own and sees the provider, and only it, reached. The cache is recorded by the first start
 * ({@code --record}, this test's traffic), checked, then used by a second start that answers too.
 */
@ExtendWith(SharedStack.class)
class FunctionImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path ROOT = LocalSettings.findProjectRoot();
    private final LocalStack stack = SharedStack.stack();

    @BeforeAll
    static void layouts() throws Exception {
        assertThat(bin("--layout", "notify-friend", "payment")).isZero();
    }

    /** bin/function is the image's start, so the two command lines must not drift apart. */
    @Test
    void theImageStartsTheLayoutAsBinFunctionDoes() throws IOException {
        String entrypoint = Files.readAllLines(ROOT.resolve("functions/Containerfile")).stream()
                .filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        List<String> image = new ArrayList<>(List.of(entrypoint.replaceAll("ENTRYPOINT \\[|\\]|\"", "").split(",\\s*")));
        String exec = Files.readAllLines(ROOT.resolve("bin/function")).stream().map(String::trim)
                .filter(line -> line.startsWith("exec \"$java\" @jvm.options -XX:AOTCache=")).findFirst().orElseThrow();
        List<String> script = new ArrayList<>(List.of(exec.split("\\s+")));
        script.removeIf(word -> word.equals("exec") || word.equals(";;") || word.contains("$"));
        image.removeFirst();

        assertThat(image).isEqualTo(script).contains("@jvm.options", "-XX:AOTCache=app.aot", "function.jar");
    }

    @Test
    void notifyFriendTextsThroughTheSmsProviderItIsGivenAndAnswersFromItsCache() throws Exception {
        Map<String, String> env = stack.functionEnvironment("notify-friend");
        try (ConfigurableApplicationContext ownProvider = smsProvider(env)) {
            URI provider = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) ownProvider).getWebServer().getPort());
            Rider rider = Rider.signUp(Api.gateway());
            String callId = rider.call(Rider.somewhere(), Rider.somewhere());

            try (Started notifyFriend = start("--record", "notify-friend", Map.of("ANYCALLTAXI_SMS_HTTP_URL", provider.toString()))) {
                HttpResponse<byte[]> answer = remind(notifyFriend, callId);

                assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
                assertThat(CloudEventClient.reply(answer).getType()).isEqualTo(EventType.TEXT_SENT.type());
                assertThat(texts(provider, callId)).anySatisfy(text -> assertThat(text.path("kind").asText()).isEqualTo("call-waiting"));
                assertThat(texts(stack.smsRecorder(), callId)).isEmpty();
            }
            assertThat(bin("--check", "notify-friend")).as("the cache it recorded is usable").isZero();

            // in a pod's memory (service.yaml's limit), where the heap starts small
            try (Started fromCache = start(null, "notify-friend", Map.of("ANYCALLTAXI_SMS_HTTP_URL", provider.toString(),
                    "JDK_JAVA_OPTIONS", "-XX:MaxRAM=512m"))) {
                assertThat(remind(fromCache, callId).statusCode()).isEqualTo(200);
                assertThat(texts(provider, callId)).hasSize(2);
            }
        }
    }

    @Test
    void paymentChargesThroughTheCardProcessorItIsGiven() throws Exception {
        LocalCardProcessor processor = io.anycalltaxi.local.testing.Money.processor();
        String token = processor.tokenize(new CardDetails("4242424242424242", 12, 2035, "123")).token();
        PaymentRequest request = new PaymentRequest(UUID.randomUUID().toString(), "member-" + UUID.randomUUID(), token,
                "4242", Money.won(12_300));
        // the local runtime's payment gateway API, which in-process functions never use
        try (Started payment = start("--record", "payment", Map.of())) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(payment.url().resolve("/payments"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", request.callId() + "#1")
                    .header("Authorization", "Bearer " + stack.workloads().token(
                            stack.workloads().serviceAccount("end-trip-pay"), "payment"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("APPROVED");
            assertThat(processor.approvedCharges()).extracting(ChargeRequest::cardToken).contains(token);
        }
        assertThat(bin("--check", "payment")).isZero();
    }

    private HttpResponse<byte[]> remind(Started notifyFriend, String callId) {
        CloudEvent waiting = CloudEventClient.event(EventType.CALL_WAITING, "/apis/v1/namespaces/anycalltaxi/pingsources/dispatch-tick",
                callId, new CallWaiting(callId, 180 + (int) (Math.random() * 1_000), 1));
        return CloudEventClient.postBinary(notifyFriend.url() + "/", waiting,
                SharedStack.asTrigger("notify-friend--call-waiting", "notify-friend"));
    }

    private static List<JsonNode> texts(URI provider, String callId) throws Exception {
        JsonNode texts = JSON.readTree(HTTP.send(HttpRequest.newBuilder(provider.resolve("/messages?callId=" + callId)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> all = new ArrayList<>();
        texts.forEach(all::add);
        return all;
    }

    /** An SMS provider of this test's own, with the account and secret the functions are given. */
    private static ConfigurableApplicationContext smsProvider(Map<String, String> env) {
        String secret = LocalSecrets.in(Path.of(env.get("ANYCALLTAXI_SECRETS_DIR"))).get(LocalSecrets.SMS_SECRET);
        return new SpringApplicationBuilder(SmsRecorderApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("account",
                        new SmsRecorderApplication.Account(env.get("ANYCALLTAXI_SMS_HTTP_ACCOUNT"), secret)))
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run();
    }

    /** A function as its container runs it: configured by environment variables only. */
    private record Started(Process process, URI url) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 min").isTrue();
        }
    }

    private Started start(String mode, String function, Map<String, String> more) throws IOException {
        int port = FreePorts.orFree(0);
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/function").toString()));
        if (mode != null) {
            command.add(mode);
        }
        command.add(function);
        Path log = Files.createDirectories(ROOT.resolve("local/target/function-image")).resolve(function + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(stack.functionEnvironment(function));
        builder.environment().putAll(more);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        URI url = URI.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(process.isAlive()).as("%s is running (see %s)", function, log).isTrue();
            return ready(url);
        });
        return new Started(process, url);
    }

    private static boolean ready(URI url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(url.resolve("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int bin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/function").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(ROOT.resolve("local/target/function-image")).resolve("bin-function.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }
}
