package io.anycalltaxi.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.anycalltaxi.core.events.Money;
import io.anycalltaxi.core.testing.ScriptedHttpServer;
import io.anycalltaxi.core.testing.ScriptedHttpServer.Reply;

/** The real card-processor adapter against a payment gateway played by a local HTTP server. */
class HttpCardProcessorTest {

    private ScriptedHttpServer gateway;
    private HttpCardProcessor processor;

    @BeforeEach
    void startGateway() {
        gateway = new ScriptedHttpServer();
        processor = new HttpCardProcessor(gateway.url(), "sk_test_secret", Duration.ofMillis(500));
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void aCardIsTokenisedWithTheSecretKey() {
        gateway.script(Reply.json(200, "{\"token\":\"tok_123\",\"brand\":\"visa\",\"last4\":\"4242\"}"));

        CardToken token = processor.tokenize(new CardDetails("4242424242424242", 12, 2030, "123"));

        assertThat(token).isEqualTo(new CardToken("tok_123", "visa", "4242"));
        assertThat(gateway.requests().get(0).path()).isEqualTo("/v1/tokens");
        assertThat(gateway.requests().get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("sk_test_secret:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCardTheGatewayRefusesIsRejected() {
        gateway.script(Reply.json(402, "{\"error\":\"invalid_number\"}"));

        assertThatThrownBy(() -> processor.tokenize(new CardDetails("4242424242424242", 12, 2030, "123")))
                .isInstanceOf(CardRejected.class);
    }

    @Test
    void aChargeCarriesItsIdempotencyKeyAndIsApproved() {
        gateway.script(Reply.json(200, "{\"id\":\"ch_1\",\"status\":\"succeeded\"}"));

        ChargeResult result = processor.charge(new ChargeRequest("call-1#1", "tok_123", Money.won(14_000), "trip"));

        assertThat(result).isEqualTo(ChargeResult.approved("ch_1"));
        assertThat(gateway.requests().get(0).path()).isEqualTo("/v1/charges");
        assertThat(gateway.requests().get(0).header("Idempotency-Key")).isEqualTo("call-1#1");
        assertThat(gateway.requests().get(0).body()).contains("\"amount\":14000", "\"currency\":\"KRW\"",
                "\"token\":\"tok_123\"");
    }

    @Test
    void aDeclinedChargeSaysWhy() {
        gateway.script(Reply.json(402, "{\"id\":\"ch_2\",\"status\":\"declined\",\"declineCode\":\"insufficient_funds\"}"));

        ChargeResult result = processor.charge(new ChargeRequest("call-2#1", "tok_123", Money.won(14_000), "trip"));

        assertThat(result).isEqualTo(ChargeResult.declined("insufficient_funds"));
    }

    @Test
    void aLateOrFailedAnswerIsPendingNotADecline() {
        gateway.script(Reply.json(503, "{}"));
        assertThat(processor.charge(new ChargeRequest("call-3#1", "tok", Money.won(1), "trip")).status())
                .isEqualTo(ChargeResult.Status.PENDING);

        gateway.script(Reply.silence());
        assertThat(processor.charge(new ChargeRequest("call-4#1", "tok", Money.won(1), "trip")).status())
                .isEqualTo(ChargeResult.Status.PENDING);

        gateway.script(Reply.json(200, "{\"id\":\"ch_6\",\"status\":\"processing\"}"));
        assertThat(processor.charge(new ChargeRequest("call-6#1", "tok", Money.won(1), "trip")).status())
                .isEqualTo(ChargeResult.Status.PENDING);
    }

    @Test
    void aProcessorThatCannotBeReachedIsUnavailable() {
        gateway.close();
        assertThatThrownBy(() -> processor.charge(new ChargeRequest("call-5#1", "tok", Money.won(1), "trip")))
                .isInstanceOf(ProcessorUnavailable.class);
    }

    @Test
    void aRefundNamesTheChargeAndCarriesItsKey() {
        gateway.script(Reply.json(200, "{\"id\":\"re_1\",\"status\":\"succeeded\"}"));
        assertThat(processor.refund(new CardRefund("call-7#refund-1", "ch_7", Money.won(500))).refunded()).isTrue();
        assertThat(gateway.requests().get(0).path()).isEqualTo("/v1/refunds");
        assertThat(gateway.requests().get(0).header("Idempotency-Key")).isEqualTo("call-7#refund-1");

        gateway.script(Reply.json(400, "{\"status\":\"failed\",\"reason\":\"amount_exceeds_charge\"}"));
        assertThat(processor.refund(new CardRefund("call-7#refund-2", "ch_7", Money.won(9_999))).reason())
                .isEqualTo("amount_exceeds_charge");
    }
}
