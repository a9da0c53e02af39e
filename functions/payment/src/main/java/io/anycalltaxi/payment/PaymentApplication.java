package io.anycalltaxi.payment;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.anycalltaxi.core.card.CardProcessorConfiguration;
import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
@Import(CardProcessorConfiguration.class)
public class PaymentApplication {

    public static void main(String[] args) {
        FunctionApplication.run(PaymentApplication.class, "payment", args);
    }
}
