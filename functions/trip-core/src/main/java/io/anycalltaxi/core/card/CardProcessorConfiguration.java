package io.anycalltaxi.core.card;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The card processor, for the functions that tokenise or charge cards (they import this): the
 * payment gateway's REST API, URL and secret key from a Secret ({@code anycalltaxi.card-processor.*}).
 * There is no other processor in the functions; the local runtime gives them one of its own.
 */
@Configuration(proxyBeanMethods = false)
public class CardProcessorConfiguration {

    @Bean
    @ConditionalOnMissingBean(CardProcessor.class)
    CardProcessor httpCardProcessor(@Value("${anycalltaxi.card-processor.url}") String url,
            @Value("${anycalltaxi.card-processor.secret-key}") String secretKey,
            @Value("${anycalltaxi.card-processor.timeout:2s}") Duration timeout) {
        return new HttpCardProcessor(url, secretKey, timeout);
    }
}
