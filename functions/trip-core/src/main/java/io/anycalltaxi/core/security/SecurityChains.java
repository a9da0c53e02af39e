package io.anycalltaxi.core.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The shapes of a function's filter chains: stateless bearer-token APIs, refusals as problem+json.
 * No sessions and no cookies are used, so there is no cross-site request to forge (CSRF off).
 */
public final class SecurityChains {

    private SecurityChains() {
    }

    public static HttpSecurity stateless(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }

    /** Requests matching {@code matcher} only from workloads the decoder accepts. */
    public static SecurityFilterChain workloads(HttpSecurity http, ProblemResponses problems, RequestMatcher matcher,
            JwtDecoder decoder) throws Exception {
        return stateless(http.securityMatcher(matcher), problems)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(VerifiedTokens.remembering(decoder)))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Requests matching {@code matcher} from anyone: the function checks what they carry itself. */
    public static SecurityFilterChain open(HttpSecurity http, ProblemResponses problems, RequestMatcher matcher)
            throws Exception {
        return stateless(http.securityMatcher(matcher), problems)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
