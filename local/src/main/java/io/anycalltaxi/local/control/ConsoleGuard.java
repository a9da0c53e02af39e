package io.anycalltaxi.local.control;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import io.anycalltaxi.core.events.EventJson;
import io.anycalltaxi.core.security.ActorAuthentication;
import io.anycalltaxi.core.security.ActorTokens;
import io.anycalltaxi.core.security.TokenClaims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console is the operators': every request needs an operator's bearer token (the people
 * issuer's, as every function checks it), and a request a browser marks as coming from another
 * site is refused whatever it carries.
 */
public final class ConsoleGuard extends OncePerRequestFilter {

    private static final Set<String> CONSOLE = Set.of("functions", "dead-letters", "pingsources", "broker", "texts", "traces");

    private final JwtDecoder decoder;
    private final ActorTokens actors = new ActorTokens(TokenClaims.ROLES, "operator");
    /** The gateway's, whose {@code /console/} route brings the web app's operator page here. */
    private final String gatewayOrigin;

    public ConsoleGuard(RSAKey peopleKey, String issuer, String gatewayOrigin) {
        this.gatewayOrigin = gatewayOrigin;
        try {
            NimbusJwtDecoder jwt = NimbusJwtDecoder.withPublicKey(peopleKey.toRSAPublicKey()).build();
            jwt.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                            aud -> aud != null && aud.contains(TokenClaims.AUDIENCE))));
            this.decoder = jwt;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String[] path = request.getRequestURI().split("/");
        return path.length < 2 || !CONSOLE.contains(path[1]);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request)) {
            refuse(response, HttpStatus.FORBIDDEN, "the console takes no cross-site requests");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(response, HttpStatus.UNAUTHORIZED, "an operator's bearer token is required");
            return;
        }
        try {
            ActorAuthentication caller = (ActorAuthentication) actors.convert(
                    decoder.decode(authorization.substring("Bearer ".length()).strip()));
            if (!caller.actor().isOperator()) {
                refuse(response, HttpStatus.FORBIDDEN, "the console is for operators");
                return;
            }
        } catch (JwtException invalid) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            refuse(response, HttpStatus.UNAUTHORIZED, "the token is not valid: " + invalid.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    /** What the browser says (Fetch Metadata), or an Origin that is neither this console's own nor the gateway's. */
    private boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equals(site) || "same-site".equals(site)) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String own = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        return !origin.equals(own) && !origin.equals(gatewayOrigin);
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(EventJson.toBytes(Map.of("type", "about:blank", "title",
                status.getReasonPhrase(), "status", status.value(), "detail", detail)));
    }
}
