package io.anycalltaxi.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The payment gateway's adapter is what a function gets; without its settings it does not start on a fake. */
class CardProcessorConfigurationTest {

    private final ApplicationContextRunner function = new ApplicationContextRunner()
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
            .withUserConfiguration(CardProcessorConfiguration.class);

    @Test
    void aFunctionTalksToThePaymentGateway() {
        function.withPropertyValues("anycalltaxi.card-processor.url=https://pg.example",
                "anycalltaxi.card-processor.secret-key=sk_test")
                .run(context -> assertThat(context).getBean(CardProcessor.class).isInstanceOf(HttpCardProcessor.class));
    }

    @Test
    void withoutTheGatewaysSettingsItRefusesToStart() {
        function.run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("anycalltaxi.card-processor.url"));
    }

    @Test
    void aProcessorGivenByTheRuntimeTakesItsPlace() {
        CardProcessor given = new HttpCardProcessor("http://127.0.0.1:1", "sk", Duration.ofSeconds(1));
        function.withBean(CardProcessor.class, () -> given)
                .run(context -> assertThat(context).getBean(CardProcessor.class).isSameAs(given));
    }
}
