package io.anycalltaxi.core.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

import io.anycalltaxi.core.fleet.TaxiDirectory;
import io.anycalltaxi.core.member.MemberDirectory;
import io.anycalltaxi.core.member.PhoneNumber;

/**
 * For the functions that issue people's tokens (sign-in, register-member): the signing key from
 * the Secret ({@code anycalltaxi.tokens.signing-key}, a PEM), the issuer every function expects.
 * There is no default key: a function without one does not start.
 */
@Configuration(proxyBeanMethods = false)
public class PeopleTokenConfiguration {

    @Bean
    PeopleTokens peopleTokens(@Value("${anycalltaxi.tokens.signing-key}") String signingKey,
            @Value("${anycalltaxi.tokens.issuer:${spring.security.oauth2.resourceserver.jwt.issuer-uri}}") String issuer,
            @Value("${anycalltaxi.tokens.access-lifetime:15m}") Duration lifetime, Clock clock) {
        return new PeopleTokens(SigningKeys.fromPem(signingKey), issuer, lifetime, clock);
    }

    @Bean
    TaxiDirectory taxiDirectory(MongoOperations mongo) {
        return new TaxiDirectory(mongo);
    }

    @Bean
    PhoneIdentities phoneIdentities(MemberDirectory members, TaxiDirectory taxis) {
        return phone -> new PhoneIdentity(phone, members.withPhone(phone).map(m -> m.memberId()).orElse(null),
                taxis.drivenBy(phone).map(t -> t.taxiId()).orElse(null));
    }

    /** Who a proved phone is now. */
    @FunctionalInterface
    public interface PhoneIdentities {
        PhoneIdentity of(PhoneNumber phone);
    }
}
