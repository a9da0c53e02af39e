package io.anycalltaxi.core.card;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import io.anycalltaxi.core.http.OutboundHttp;

/**
 * A card processor (payment gateway) over its REST API, the way PGs expose it: the secret key as
 * HTTP basic credentials, cards tokenised at {@code POST /v1/tokens}, tokens charged at
 * {@code POST /v1/charges} with an {@code Idempotency-Key}, charges refunded at {@code POST /v1/refunds}.
 * A 402 is the processor refusing the card or the charge. A charge it cannot be reached for is
 * unavailability; one it answers late, with a 5xx or "processing" is pending, asked again by key.
 */
public class HttpCardProcessor implements CardProcessor {

    private final RestClient http;

    public HttpCardProcessor(String baseUrl, String secretKey, Duration timeout) {
        this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(OutboundHttp.requests(timeout))
                .defaultHeaders(headers -> headers.setBasicAuth(secretKey, "")).build();
    }

    record TokenAnswer(String token, String brand, String last4, String error) {
    }

    record ChargeAnswer(String id, String status, String declineCode) {
    }

    record RefundAnswer(String id, String status, String reason) {
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        TokenAnswer answer = call(() -> http.post().uri("/v1/tokens")
                .body(Map.of("number", card.number(), "expMonth", card.expMonth(), "expYear", card.expYear(),
                        "cvc", card.cvc()))
                .retrieve()
                .onStatus(status -> status.value() == 402, (request, response) -> {
                    throw new CardRejected("refused by the card processor");
                })
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw new ProcessorUnavailable("the card processor answered " + response.getStatusCode());
                })
                .body(TokenAnswer.class));
        return new CardToken(answer.token(), answer.brand(), answer.last4());
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        try {
            ChargeAnswer answer = http.post().uri("/v1/charges")
                    .header("Idempotency-Key", request.idempotencyKey())
                    .body(Map.of("token", request.cardToken(), "amount", request.amount().amount(),
                            "currency", request.amount().currency(), "description", request.description()))
                    .retrieve()
                    .onStatus(status -> status.value() == 402, (req, response) -> {
                        // a decline: its body says why
                    })
                    .body(ChargeAnswer.class);
            return switch (answer.status()) {
                case "succeeded" -> ChargeResult.approved(answer.id());
                case "processing", "requires_action" -> ChargeResult.pending(answer.status());
                default -> ChargeResult.declined(answer.declineCode() == null ? "declined" : answer.declineCode());
            };
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof ConnectException) {
                throw new ProcessorUnavailable("the card processor cannot be reached: " + e.getMessage(), e);
            }
            return ChargeResult.pending("no answer: " + e.getMessage());
        } catch (HttpStatusCodeException e) {
            // a 5xx may come after the charge was made: only asking again by key tells
            return ChargeResult.pending("answered " + e.getStatusCode());
        }
    }

    @Override
    public RefundResult refund(CardRefund request) {
        RefundAnswer answer = call(() -> http.post().uri("/v1/refunds")
                .header("Idempotency-Key", request.idempotencyKey())
                .body(Map.of("charge", request.chargeReference(), "amount", request.amount().amount()))
                .retrieve()
                .onStatus(status -> status.is4xxClientError(), (req, response) -> {
                    // refused: its body says why
                })
                .onStatus(HttpStatusCode::isError, (req, response) -> {
                    throw new ProcessorUnavailable("the card processor answered " + response.getStatusCode());
                })
                .body(RefundAnswer.class));
        return "succeeded".equals(answer.status()) ? RefundResult.done()
                : RefundResult.refused(answer.reason() == null ? "refused" : answer.reason());
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException unreachable) {
            throw new ProcessorUnavailable("the card processor cannot be reached: " + unreachable.getMessage(),
                    unreachable);
        }
    }
}
