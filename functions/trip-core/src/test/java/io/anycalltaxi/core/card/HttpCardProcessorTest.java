package io.anycalltaxi.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.anycalltaxi.core.events.Money;

/** The real card-processor adapter against a payment gateway played by a local HTTP server. */
class HttpCardProcessorTest {

    private HttpServer gateway;
    private final List<HttpExchangeRecord> received = new CopyOnWriteArrayList<>();
    private Function<HttpExchangeRecord, Answer> answer;
    private final CountDownLatch never = new CountDownLatch(1);

    record HttpExchangeRecord(String path, String authorization, String idempotencyKey, String body) {
    }

    record Answer(int status, String json) {
    }

    private HttpCardProcessor processor;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::handle);
        gateway.setExecutor(Executors.newCachedThreadPool());
        gateway.start();
        processor = new HttpCardProcessor("http://127.0.0.1:" + gateway.getAddress().getPort(), "sk_test_secret",
                Duration.ofMillis(500));
    }

    @AfterEach
    void stopGateway() {
        never.countDown();
        gateway.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        HttpExchangeRecord request = new HttpExchangeRecord(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        Answer reply = answer.apply(request);
        if (reply == null) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aCardIsTokenisedWithTheSecretKey() {
        answer = request -> new Answer(200, "{\"token\":\"tok_123\",\"brand\":\"visa\",\"last4\":\"4242\"}");

        CardToken token = processor.tokenize(new CardDetails("4242424242424242", 12, 2030, "123"));

        assertThat(token).isEqualTo(new CardToken("tok_123", "visa", "4242"));
        assertThat(received.get(0).path()).isEqualTo("/v1/tokens");
        assertThat(received.get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("sk_test_secret:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCardTheGatewayRefusesIsRejected() {
        answer = request -> new Answer(402, "{\"error\":\"invalid_number\"}");

        assertThatThrownBy(() -> processor.tokenize(new CardDetails("4242424242424242", 12, 2030, "123")))
                .isInstanceOf(CardRejected.class);
    }

    @Test
    void aChargeCarriesItsIdempotencyKeyAndIsApproved() {
        answer = request -> new Answer(200, "{\"id\":\"ch_1\",\"status\":\"succeeded\"}");

        ChargeResult result = processor.charge(new ChargeRequest("call-1#1", "tok_123", Money.won(14_000), "trip"));

        assertThat(result).isEqualTo(ChargeResult.approved("ch_1"));
        assertThat(received.get(0).path()).isEqualTo("/v1/charges");
        assertThat(received.get(0).idempotencyKey()).isEqualTo("call-1#1");
        assertThat(received.get(0).body()).contains("\"amount\":14000", "\"currency\":\"KRW\"", "\"token\":\"tok_123\"");
    }

    @Test
    void aDeclinedChargeSaysWhy() {
        answer = request -> new Answer(402, "{\"id\":\"ch_2\",\"status\":\"declined\",\"declineCode\":\"insufficient_funds\"}");

        ChargeResult result = processor.charge(new ChargeRequest("call-2#1", "tok_123", Money.won(14_000), "trip"));

        assertThat(result).isEqualTo(ChargeResult.declined("insufficient_funds"));
    }

    @Test
    void aGatewayErrorOrSilenceIsUnavailabilityNotADecline() {
        answer = request -> new Answer(503, "{}");
        assertThatThrownBy(() -> processor.charge(new ChargeRequest("call-3#1", "tok", Money.won(1), "trip")))
                .isInstanceOf(ProcessorUnavailable.class);

        answer = request -> null;
        assertThatThrownBy(() -> processor.charge(new ChargeRequest("call-4#1", "tok", Money.won(1), "trip")))
                .isInstanceOf(ProcessorUnavailable.class);

        never.countDown();
        gateway.stop(0);
        assertThatThrownBy(() -> processor.charge(new ChargeRequest("call-5#1", "tok", Money.won(1), "trip")))
                .isInstanceOf(ProcessorUnavailable.class);
    }
}
