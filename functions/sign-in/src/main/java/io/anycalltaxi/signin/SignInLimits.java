package io.anycalltaxi.signin;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.anycalltaxi.core.member.PhoneNumber;
import io.anycalltaxi.core.web.RequestRefused;
import jakarta.annotation.PostConstruct;

/**
 * How often codes may be asked for, per phone and per client address: counters in MongoDB, so the
 * limit holds however many instances run. A refused request is not counted twice.
 */
@Component
class SignInLimits {

    private final MongoOperations mongo;
    private final Clock clock;
    private final RateLimit perPhone;
    private final RateLimit perAddress;

    SignInLimits(MongoOperations mongo, Clock clock,
            @Value("${anycalltaxi.sign-in.limits.per-phone.requests}") int phoneRequests,
            @Value("${anycalltaxi.sign-in.limits.per-phone.window}") Duration phoneWindow,
            @Value("${anycalltaxi.sign-in.limits.per-address.requests}") int addressRequests,
            @Value("${anycalltaxi.sign-in.limits.per-address.window}") Duration addressWindow) {
        this.mongo = mongo;
        this.clock = clock;
        this.perPhone = new RateLimit(phoneRequests, phoneWindow);
        this.perAddress = new RateLimit(addressRequests, addressWindow);
    }

    @PostConstruct
    void expireOldCounters() {
        mongo.indexOps(Counter.class).ensureIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }

    /** @throws RequestRefused 429 with Retry-After once either limit is reached */
    void admit(PhoneNumber phone, String clientAddress) {
        Instant now = clock.instant();
        refuseIfOver(perAddress, "address:" + clientAddress, now, "too many sign-in codes were asked for from this address");
        refuseIfOver(perPhone, "phone:" + phone.e164(), now, "too many sign-in codes were asked for this phone");
    }

    private void refuseIfOver(RateLimit limit, String key, Instant now, String detail) {
        Instant window = limit.windowOf(now);
        Counter counter = mongo.findAndModify(query(where("_id").is(key + "@" + window.toEpochMilli())),
                new Update().inc("count", 1).setOnInsert("expiresAt", window.plus(limit.window())),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Counter.class);
        Optional<Duration> wait = limit.refuse(counter == null ? 1 : counter.count(), now);
        if (wait.isPresent()) {
            throw new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail + "; try again later",
                    wait.get());
        }
    }

    @Document("sign_in_limits")
    record Counter(@Id String key, long count, Instant expiresAt) {
    }
}
