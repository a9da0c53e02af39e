package io.anycalltaxi.core.card;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The card processor, for the functions that tokenise or charge cards (they import this):
 * {@code anycalltaxi.card-processor.type=http} for a real payment gateway (URL and secret key from
 * a Secret), the local one otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class CardProcessorConfiguration {

    @Bean
    @ConditionalOnProperty(name = "anycalltaxi.card-processor.type", havingValue = "http")
    CardProcessor httpCardProcessor(@Value("${anycalltaxi.card-processor.url}") String url,
            @Value("${anycalltaxi.card-processor.secret-key}") String secretKey,
            @Value("${anycalltaxi.card-processor.timeout:2s}") Duration timeout) {
        return new HttpCardProcessor(url, secretKey, timeout);
    }

    @Bean
    @ConditionalOnProperty(name = "anycalltaxi.card-processor.type", havingValue = "local", matchIfMissing = true)
    LocalCardProcessor localCardProcessor(MongoOperations mongo) {
        return new LocalCardProcessor(mongo);
    }
}
