package io.anycalltaxi.core.sms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import io.anycalltaxi.core.http.OutboundHttp;

import io.github.resilience4j.retry.Retry;

/**
 * An SMS provider over HTTP: {@code POST <url>/messages} with the account's credentials (from a
 * Secret), the message's dedup key as {@code Idempotency-Key} so the provider too sends it once.
 * The call and member it is about go along as the provider's client reference, for delivery
 * reports. A 4xx is the provider refusing the message (not retried); a 5xx, a timeout or no
 * connection is retried with backoff, and if it persists the caller fails (an event is
 * redelivered later). The retry is applied in code, not by annotation: without Spring AOP the
 * function starts about two seconds sooner from zero.
 */
public class HttpSmsSender implements SmsSender {

    private final RestClient http;
    private final String sender;
    private final Retry retry;

    public HttpSmsSender(String url, String account, String secret, String sender, Duration timeout, Retry retry) {
        this.http = RestClient.builder().baseUrl(url).requestFactory(OutboundHttp.requests(timeout))
                .defaultHeaders(headers -> headers.setBasicAuth(account, secret)).build();
        this.sender = sender;
        this.retry = retry;
    }

    @Override
    public void send(Sms sms) {
        retry.executeRunnable(() -> post(sms));
    }

    private Map<String, Object> body(Sms sms) {
        Map<String, String> reference = new LinkedHashMap<>();
        reference.put("kind", sms.kind());
        if (sms.callId() != null) {
            reference.put("callId", sms.callId());
        }
        if (sms.memberId() != null) {
            reference.put("memberId", sms.memberId());
        }
        return Map.of("from", sender, "to", sms.to().e164(), "text", sms.text(), "reference", reference);
    }

    private void post(Sms sms) {
        try {
            http.post().uri("/messages")
                    .header("Idempotency-Key", sms.dedupKey())
                    .body(body(sms))
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                        throw new SmsRejected("the SMS provider refused a " + sms.kind() + " message to "
                                + sms.to().masked() + ": " + response.getStatusCode());
                    })
                    .onStatus(HttpStatusCode::is5xxServerError, (request, response) -> {
                        throw new SmsProviderUnavailable("the SMS provider answered " + response.getStatusCode(), null);
                    })
                    .toBodilessEntity();
        } catch (ResourceAccessException unreachable) {
            throw new SmsProviderUnavailable("the SMS provider cannot be reached: " + unreachable.getMessage(),
                    unreachable);
        }
    }
}
