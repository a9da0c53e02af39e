package io.anycalltaxi.signin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.security.PeopleTokenConfiguration.PhoneIdentities;
import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.sms.Sms;
import io.anycalltaxi.core.sms.SmsSender;
import io.anycalltaxi.core.web.InvalidRequest;
import io.anycalltaxi.core.web.Problems;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Sign-in with a phone the person proves they own: {@code POST /auth/codes} texts a one-time code,
 * {@code POST /auth/tokens} trades it (or a refresh token) for an OAuth2 bearer token; OIDC
 * discovery and the JWKS tell every function how to check those tokens.
 */
@RestController
class SignInController {

    static final String PHONE_CODE_GRANT = "urn:anycalltaxi:params:oauth:grant-type:phone-code";
    static final String REFRESH_GRANT = "refresh_token";

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final PhoneCodes codes;
    private final SignInLimits limits;
    private final RefreshTokens refreshTokens;
    private final PeopleTokens tokens;
    private final PhoneIdentities identities;
    private final SmsSender sms;

    SignInController(PhoneCodes codes, SignInLimits limits, RefreshTokens refreshTokens, PeopleTokens tokens,
            PhoneIdentities identities, SmsSender sms) {
        this.codes = codes;
        this.limits = limits;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.identities = identities;
        this.sms = sms;
    }

    record CodeRequest(String phone) {
    }

    /** {@code grant_type} may be left out when a phone and code are given. */
    record TokenRequest(@JsonProperty("grant_type") String grantType, String phone, String code,
            @JsonProperty("refresh_token") String refreshToken) {
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") String refreshToken) {
    }

    @PostMapping("/auth/codes")
    ResponseEntity<Void> sendCode(@RequestBody CodeRequest request, HttpServletRequest http) {
        PhoneNumber phone = phone(request.phone());
        limits.admit(phone, clientAddress(http));
        String code = codes.issue(phone);
        long minutes = codes.lifetime().toMinutes();
        sms.send(new Sms("sign-in:" + UUID.randomUUID(), null, null, phone, "sign-in-code",
                "[AnycallTaxi] 인증번호 " + code + " (" + minutes + "분간 유효) / Your sign-in code is " + code
                        + ", valid for " + minutes + " minutes. Never share it."));
        log.info("sign-in code texted to {}", phone.masked());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/auth/tokens")
    TokenResponse token(@RequestBody TokenRequest request) {
        PhoneNumber phone;
        if (REFRESH_GRANT.equals(request.grantType())) {
            phone = refreshTokens.redeem(request.refreshToken())
                    .orElseThrow(() -> new InvalidGrant("the refresh token is unknown, used or expired"));
        } else if (request.grantType() == null || PHONE_CODE_GRANT.equals(request.grantType())) {
            phone = phone(request.phone());
            CodeCheck.Outcome outcome = codes.check(phone, request.code());
            if (outcome != CodeCheck.Outcome.PROVED) {
                log.info("sign-in refused for {}: {}", phone.masked(), outcome);
                throw new InvalidGrant(switch (outcome) {
                    case EXPIRED -> "the code has expired: ask for a new one";
                    case BURNT -> "the code can no longer be used: ask for a new one";
                    case NONE -> "no code was sent to this phone: ask for one";
                    default -> "the code is wrong";
                });
            }
        } else {
            throw new InvalidGrant("unsupported grant_type " + request.grantType());
        }
        PeopleTokens.AccessToken access = tokens.accessFor(identities.of(phone));
        return new TokenResponse(access.value(), "Bearer", access.expiresIn().toSeconds(), refreshTokens.issue(phone));
    }

    @GetMapping("/.well-known/openid-configuration")
    Map<String, Object> discovery() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", tokens.issuer());
        metadata.put("jwks_uri", tokens.issuer() + "/.well-known/jwks.json");
        metadata.put("token_endpoint", tokens.issuer() + "/auth/tokens");
        metadata.put("grant_types_supported", List.of(PHONE_CODE_GRANT, REFRESH_GRANT));
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        return metadata;
    }

    /** Cached for five minutes: a rotated key is published beside the old one for longer than that. */
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(tokens.publicKeys().toJSONObject());
    }

    @ExceptionHandler(InvalidGrant.class)
    ResponseEntity<ProblemDetail> invalidGrant(InvalidGrant e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_grant", e.getMessage());
        problem.setProperty("error", "invalid_grant");
        problem.setProperty("error_description", e.getMessage());
        return Problems.response(problem);
    }

    private static PhoneNumber phone(String typed) {
        return PhoneNumber.parse(typed).orElseThrow(() -> new InvalidRequest(
                Map.of("phone", "must be a phone number in E.164 or a Korean mobile number")));
    }

    /**
     * The address the gateway saw: the last X-Forwarded-For entry is the one the gateway added (a
     * client can put anything before it); without one, the peer.
     */
    static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return request.getRemoteAddr();
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].strip();
    }

    static final class InvalidGrant extends RuntimeException {
        InvalidGrant(String message) {
            super(message);
        }
    }
}
