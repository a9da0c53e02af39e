package io.anycalltaxi.core.card;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The card processor, for the functions that tokenise or charge cards (they import this). */
@Configuration(proxyBeanMethods = false)
public class CardProcessorConfiguration {

    @Bean
    CardProcessor cardProcessor() {
        return new LocalCardProcessor();
    }
}
