package io.anycalltaxi.local.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.anycalltaxi.core.card.CardDetails;
import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.payment.PaymentRequest;
import io.anycalltaxi.local.LocalStack;
import io.anycalltaxi.local.card.LocalCardProcessor;
import io.anycalltaxi.local.testing.SharedStack;

/** Payment, called as end-trip-pay calls it: one charge per idempotency key, whatever is repeated. */
@ExtendWith(SharedStack.class)
class PaymentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalStack stack = SharedStack.stack();
    private final LocalCardProcessor processor = io.anycalltaxi.local.testing.Money.processor();

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @AfterEach
    void processorBackToNormal() {
        processor.simulate(new LocalCardProcessor.Simulation(Duration.ZERO, false, false, false));
    }

    private PaymentRequest request(String cardNumber, long amount) {
        String token = processor.tokenize(new CardDetails(cardNumber, 12, 2035, "123")).token();
        String callId = UUID.randomUUID().toString();
        return new PaymentRequest(callId, "member-1", token, cardNumber.substring(cardNumber.length() - 4),
                Money.won(amount));
    }

    private Answer pay(String idempotencyKey, Object request) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(stack.function("payment").url().resolve("/payments"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.workloads().token(
                        stack.workloads().serviceAccount("end-trip-pay"), "payment"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
        if (idempotencyKey != null) {
            post.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private long chargesFor(String idempotencyKey) {
        return processor.approvedCharges().stream().filter(c -> c.idempotencyKey().equals(idempotencyKey)).count();
    }

    @Test
    void aChargeIsApproved() throws Exception {
        PaymentRequest request = request("4242424242424242", 14_000);

        Answer answer = pay(request.callId() + "#1", request);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).isEqualTo("APPROVED");
        assertThat(answer.body().path("amount").asLong()).isEqualTo(14_000);
        assertThat(answer.body().path("cardLast4").asText()).isEqualTo("4242");
        assertThat(answer.body().path("paymentId").asText()).startsWith("pay_");
    }

    @Test
    void aRepeatedRequestGetsTheFirstAnswerAndIsNotChargedAgain() throws Exception {
        PaymentRequest request = request("4242424242424242", 9_900);
        String key = request.callId() + "#1";

        Answer first = pay(key, request);
        Answer again = pay(key, request);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("paymentId")).isEqualTo(first.body().path("paymentId"));
        assertThat(chargesFor(key)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyChargeOnce() throws Exception {
        PaymentRequest request = request("4242424242424242", 12_300);
        String key = request.callId() + "#1";
        ExecutorService callers = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Callable<Answer> call = () -> {
                go.await();
                return pay(key, request);
            };
            answers.add(callers.submit(call));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            statuses.add(answer.get().status());
        }
        callers.shutdown();

        assertThat(statuses).isSubsetOf(201, 200, 409).containsOnlyOnce(201);
        assertThat(chargesFor(key)).isEqualTo(1);
        assertThat(pay(key, request).status()).isEqualTo(200);
    }

    @Test
    void aKeyUsedForAnotherPaymentIsRefused() throws Exception {
        PaymentRequest request = request("4242424242424242", 5_000);
        String key = request.callId() + "#1";
        pay(key, request);

        Answer other = pay(key, new PaymentRequest(request.callId(), request.memberId(), request.cardToken(),
                request.cardLast4(), Money.won(50_000)));

        assertThat(other.status()).isEqualTo(422);
        assertThat(chargesFor(key)).isEqualTo(1);
    }

    @Test
    void aPaymentNeedsAKeyAndAValidRequest() throws Exception {
        PaymentRequest request = request("4242424242424242", 5_000);

        Answer noKey = pay(null, request);
        Answer invalid = pay("some-key", Map.of("callId", "", "amount", Map.of("amount", -1, "currency", "KRW")));

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body().path("detail").asText()).contains("Idempotency-Key");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("detail").asText()).contains("callId", "amount.amount", "cardToken");
        assertThat(processor.approvedCharges()).noneMatch(c -> c.idempotencyKey().equals("some-key"));
    }

    @Test
    void aDeclinedTestCardIsDeclinedWithItsReason() throws Exception {
        PaymentRequest request = request("4000000000000002", 7_000);

        Answer answer = pay(request.callId() + "#1", request);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).isEqualTo("DECLINED");
        assertThat(answer.body().path("declineReason").asText()).isEqualTo("card_declined");
    }

    @Test
    void duringAProcessorOutageNothingIsChargedOrKeptAndTheRetrySucceeds() throws Exception {
        PaymentRequest request = request("4242424242424242", 8_000);
        String key = request.callId() + "#1";
        processor.simulate(new LocalCardProcessor.Simulation(Duration.ZERO, true, false, false));

        Answer down = pay(key, request);
        processor.simulate(new LocalCardProcessor.Simulation(Duration.ZERO, false, false, false));
        Answer back = pay(key, request);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(back.status()).as("the failed attempt left nothing behind").isEqualTo(201);
        assertThat(chargesFor(key)).isEqualTo(1);
    }
}
