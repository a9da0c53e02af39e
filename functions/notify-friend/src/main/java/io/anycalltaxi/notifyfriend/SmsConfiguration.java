package io.anycalltaxi.notifyfriend;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

import io.github.resilience4j.retry.RetryRegistry;

/** The SMS provider: {@code anycalltaxi.sms.provider=http} for a real one, the recorder otherwise. */
@Configuration
class SmsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "anycalltaxi.sms.provider", havingValue = "http")
    HttpSmsSender httpSmsSender(@Value("${anycalltaxi.sms.http.url}") String url,
            @Value("${anycalltaxi.sms.http.account}") String account,
            @Value("${anycalltaxi.sms.http.secret}") String secret,
            @Value("${anycalltaxi.sms.http.sender}") String sender,
            @Value("${anycalltaxi.sms.http.timeout:2s}") Duration timeout, RetryRegistry retries) {
        return new HttpSmsSender(url, account, secret, sender, timeout, retries.retry("sms"));
    }

    @Bean
    @ConditionalOnProperty(name = "anycalltaxi.sms.provider", havingValue = "local", matchIfMissing = true)
    RecordingSmsSender recordingSmsSender(MongoOperations mongo, Clock clock) {
        return new RecordingSmsSender(mongo, clock);
    }
}
