package io.anycalltaxi.core.sms;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The SMS provider, for the functions that text people (sign-in's codes, notify-friend's trip
 * texts): a provider's HTTP API ({@code anycalltaxi.sms.http.*}, credentials from a Secret).
 * There is no other adapter in the functions: the local runtime runs a recording provider.
 */
@Configuration(proxyBeanMethods = false)
public class SmsConfiguration {

    @Bean
    HttpSmsSender httpSmsSender(@Value("${anycalltaxi.sms.http.url}") String url,
            @Value("${anycalltaxi.sms.http.account}") String account,
            @Value("${anycalltaxi.sms.http.secret}") String secret,
            @Value("${anycalltaxi.sms.http.sender}") String sender,
            @Value("${anycalltaxi.sms.http.timeout:2s}") Duration timeout,
            @Value("${anycalltaxi.sms.http.attempts:3}") int attempts,
            @Value("${anycalltaxi.sms.http.backoff:200ms}") Duration backoff) {
        // Transient failures only: a refusal (4xx) stays refused.
        Retry retry = Retry.of("sms", RetryConfig.custom().maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2))
                .retryExceptions(SmsProviderUnavailable.class).ignoreExceptions(SmsRejected.class).build());
        return new HttpSmsSender(url, account, secret, sender, timeout, retry);
    }
}
