package io.anycalltaxi.core.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.anycalltaxi.core.security.PeopleIssuers;
import io.anycalltaxi.core.security.ProblemResponses;
import io.anycalltaxi.core.security.Role;
import io.anycalltaxi.core.security.SecurityChains;
import io.anycalltaxi.core.security.WorkloadIdentity;
import io.anycalltaxi.core.security.WorkloadTokens;

/**
 * Every function checks who calls it, deny unless a rule allows:
 * <ul>
 * <li>{@code POST /} (event delivery) only from the broker's Triggers, by their workload token;</li>
 * <li>health probes from anyone; the other actuator endpoints for operators;</li>
 * <li>everything else with a person's bearer token from the people issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.*}), or an operator's from the organisation's
 * issuer if one is configured ({@code anycalltaxi.security.operators.*}); the handler then decides
 * what that person may do ({@link io.anycalltaxi.core.security.Callers}).</li>
 * </ul>
 * A function adds chains of its own (public sign-in, a workload-only route) with a lower order.
 * Before the resource server's auto-configuration, so that Boot sees these chains and adds none.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
public class FunctionSecurityAutoConfiguration {

    /** Order of a function's own chains: before the people chain, after event delivery. */
    public static final int FUNCTION_CHAINS = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    /** How people's tokens become actors: from one issuer of everyone, or sign-in's beside an issuer of operators. */
    @Bean
    PeopleIssuers peopleIssuers(@Value("${anycalltaxi.security.roles-claim}") String rolesClaim,
            @Value("${anycalltaxi.security.operator-role}") String operatorRole,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String peopleIssuer,
            @Value("${anycalltaxi.security.operators.issuer-uri:}") String operatorIssuer,
            @Value("${anycalltaxi.security.operators.jwk-set-uri:}") String operatorKeys,
            @Value("${anycalltaxi.security.operators.audience:anycalltaxi}") String operatorAudience,
            @Value("${anycalltaxi.security.operators.roles-claim:${anycalltaxi.security.roles-claim}}") String operatorRolesClaim) {
        return new PeopleIssuers(rolesClaim, operatorRole, peopleIssuer, operatorIssuer, operatorKeys, operatorAudience,
                operatorRolesClaim);
    }

    @Bean
    WorkloadIdentity workloadIdentity(@Value("${anycalltaxi.identity.issuer}") String issuer,
            @Value("${anycalltaxi.identity.jwk-set-uri}") String jwkSetUri,
            @Value("${anycalltaxi.identity.audience:${spring.application.name}}") String audience,
            @Value("${anycalltaxi.identity.namespace}") String namespace) {
        return new WorkloadIdentity(issuer, jwkSetUri, audience, namespace);
    }

    @Bean
    WorkloadTokens workloadTokens(@Value("${anycalltaxi.identity.token-dir}") Path directory) {
        return new WorkloadTokens(directory);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain eventDeliveries(HttpSecurity http, ProblemResponses problems, WorkloadIdentity identity)
            throws Exception {
        return SecurityChains.workloads(http, problems, PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/"),
                identity.decoder(identity.triggers()));
    }

    /**
     * Prometheus scrapes with its own service account's token, projected for the audience every
     * function shares for metrics (one token for every scrape job); people read meters through
     * {@code /actuator/metrics} as operators.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain metricsScrapes(HttpSecurity http, ProblemResponses problems, WorkloadIdentity identity,
            @Value("${anycalltaxi.metrics.scraper}") String scraper,
            @Value("${anycalltaxi.metrics.audience}") String audience) throws Exception {
        return SecurityChains.workloads(http, problems,
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/actuator/prometheus"),
                identity.decoder(Pattern.compile(Pattern.quote(scraper)), audience));
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    SecurityFilterChain peopleRequests(HttpSecurity http, ProblemResponses problems, PeopleIssuers issuers,
            JwtDecoder peopleTokens) throws Exception {
        return SecurityChains.stateless(http, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // the function's API description, where switched on (springdoc.api-docs.enabled)
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.OPERATOR.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.authenticationManagerResolver(issuers.resolver(peopleTokens))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
