package io.anycalltaxi.signin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.config.FunctionSecurityAutoConfiguration;
import io.anycalltaxi.core.security.PeopleTokenConfiguration;
import io.anycalltaxi.core.security.ProblemResponses;
import io.anycalltaxi.core.security.SecurityChains;
import io.anycalltaxi.core.sms.SmsConfiguration;

@SpringBootApplication
@Import({ SmsConfiguration.class, PeopleTokenConfiguration.class })
public class SignInApplication {

    public static void main(String[] args) {
        FunctionApplication.run(SignInApplication.class, "sign-in", args);
    }

    /** Signing in is what one does without a token; discovery and keys are public by nature. */
    @Bean
    @Order(FunctionSecurityAutoConfiguration.FUNCTION_CHAINS)
    SecurityFilterChain signingIn(HttpSecurity http, ProblemResponses problems) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return SecurityChains.open(http, problems, new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/auth/codes"),
                paths.matcher(HttpMethod.POST, "/auth/tokens"), paths.matcher(HttpMethod.GET, "/.well-known/**")));
    }
}
