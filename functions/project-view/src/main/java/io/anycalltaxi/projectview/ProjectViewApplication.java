package io.anycalltaxi.projectview;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.config.FunctionSecurityAutoConfiguration;
import io.anycalltaxi.core.security.ProblemResponses;
import io.anycalltaxi.core.security.SecurityChains;
import io.anycalltaxi.core.security.TripShares;

@SpringBootApplication
public class ProjectViewApplication {

    /** The friend's share links are checked here (the key comes from a Secret). */
    @Bean
    TripShares tripShares(@Value("${anycalltaxi.share.key}") String key) {
        return new TripShares(key);
    }

    /** A share link carries its own proof, the token in it: no sign-in. */
    @Bean
    @Order(FunctionSecurityAutoConfiguration.FUNCTION_CHAINS)
    SecurityFilterChain sharedTrips(HttpSecurity http, ProblemResponses problems) throws Exception {
        return SecurityChains.open(http, problems, PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/shared/**"));
    }

    public static void main(String[] args) {
        FunctionApplication.run(ProjectViewApplication.class, "project-view", args);
    }
}
