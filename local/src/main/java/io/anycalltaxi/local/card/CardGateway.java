package io.anycalltaxi.local.card;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.core.card.CardDetails;
import io.anycalltaxi.core.card.CardRefund;
import io.anycalltaxi.core.card.CardRejected;
import io.anycalltaxi.core.card.ChargeRequest;
import io.anycalltaxi.core.card.ChargeResult;
import io.anycalltaxi.core.card.ProcessorUnavailable;
import io.anycalltaxi.core.card.RefundResult;
import io.anycalltaxi.core.card.CardToken;
import io.anycalltaxi.core.events.Money;

/**
 * The local card processor over the payment gateway's REST API, the one the functions' HTTP
 * adapter speaks: for a function started as its own process (as its image starts it), which has
 * no in-process stand-in. The secret key is the basic credential.
 */
@RestController
class CardGateway {

    private final LocalCardProcessor processor;
    private final String expectedAuthorization;

    CardGateway(CardGatewayApplication.Account account) {
        this.processor = account.processor();
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((account.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
    }

    record Card(String number, int expMonth, int expYear, String cvc) {
    }

    record Charge(String token, long amount, String currency, String description) {
    }

    record Refund(String charge, long amount) {
    }

    @PostMapping("/v1/tokens")
    ResponseEntity<Map<String, String>> tokenize(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestBody Card card) {
        if (!expectedAuthorization.equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        try {
            CardToken token = processor.tokenize(new CardDetails(card.number(), card.expMonth(), card.expYear(), card.cvc()));
            return ResponseEntity.ok(Map.of("token", token.token(), "brand", token.brand(), "last4", token.last4()));
        } catch (CardRejected rejected) {
            return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(Map.of("error", rejected.getMessage()));
        }
    }

    @PostMapping("/v1/charges")
    ResponseEntity<Map<String, String>> charge(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestHeader("Idempotency-Key") String key, @RequestBody Charge charge) {
        if (!expectedAuthorization.equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        ChargeResult result;
        try {
            result = processor.charge(new ChargeRequest(key, charge.token(),
                    new Money(charge.amount(), charge.currency()), charge.description()));
        } catch (ProcessorUnavailable outage) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        return switch (result.status()) {
            case APPROVED -> ResponseEntity.ok(Map.of("id", result.reference(), "status", "succeeded"));
            case PENDING -> ResponseEntity.ok(Map.of("id", "ch_pending_" + key, "status", "processing"));
            case DECLINED -> ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED)
                    .body(Map.of("id", "ch_declined_" + UUID.randomUUID(), "status", "failed",
                            "declineCode", result.declineReason()));
        };
    }

    @PostMapping("/v1/refunds")
    ResponseEntity<Map<String, String>> refund(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestHeader("Idempotency-Key") String key, @RequestBody Refund refund) {
        if (!expectedAuthorization.equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        RefundResult result;
        try {
            result = processor.refund(new CardRefund(key, refund.charge(), Money.won(refund.amount())));
        } catch (ProcessorUnavailable outage) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        return result.refunded() ? ResponseEntity.ok(Map.of("id", "re_" + key, "status", "succeeded"))
                : ResponseEntity.unprocessableEntity().body(Map.of("status", "failed", "reason", result.reason()));
    }
}
