package io.anycalltaxi.payment;

import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.anycalltaxi.core.card.CardProcessorConfiguration;
import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.config.FunctionSecurityAutoConfiguration;
import io.anycalltaxi.core.security.ProblemResponses;
import io.anycalltaxi.core.security.SecurityChains;
import io.anycalltaxi.core.security.WorkloadIdentity;

@SpringBootApplication
@Import(CardProcessorConfiguration.class)
public class PaymentApplication {

    /** end-trip-pay's service identity only: payment charges cards for no one else (N1). */
    @Bean
    @Order(FunctionSecurityAutoConfiguration.FUNCTION_CHAINS)
    SecurityFilterChain charges(HttpSecurity http, ProblemResponses problems, WorkloadIdentity identity)
            throws Exception {
        return SecurityChains.workloads(http, problems,
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/payments/**"),
                identity.decoder(Pattern.compile(Pattern.quote(identity.serviceAccount("end-trip-pay")))));
    }

    public static void main(String[] args) {
        FunctionApplication.run(PaymentApplication.class, "payment", args);
    }
}
