package io.anycalltaxi.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.anycalltaxi.core.member.CardOnFile;
import io.anycalltaxi.core.member.Language;
import io.anycalltaxi.core.member.Member;
import io.anycalltaxi.core.member.MemberDocument;
import io.anycalltaxi.core.security.PeopleTokens;
import io.anycalltaxi.core.security.PhoneIdentity;

/**
 * Members for the load, each making one call: a member with a call in progress may not make
 * another. They are written to MongoDB as register-member stores them, in bulk, each with the
 * bearer token sign-in would give it, so that signing up and in thousands does not weigh on what
 * is measured; register-member and sign-in themselves are not benchmarked.
 */
final class Members {

    private static final int BATCH = 1_000;
    /** Longer than a whole run: members are prepared before it starts. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    private final MongoTemplate mongo;
    private final PeopleTokens tokens;
    private final ConcurrentLinkedQueue<Caller> unused = new ConcurrentLinkedQueue<>();
    private final AtomicLong phones = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000));

    /** A member ready to call, and its bearer token. */
    record Caller(String memberId, String token) {
    }

    Members(MongoTemplate mongo, PeopleTokens tokens) {
        this.mongo = mongo;
        this.tokens = tokens;
    }

    /** Signs up this many ahead of a run. */
    void prepare(int count) {
        for (int done = 0; done < count; done += BATCH) {
            signUp(Math.min(BATCH, count - done));
        }
    }

    /** A member who has not called yet; more are signed up if the prepared ones ran out. */
    Caller next() {
        Caller caller = unused.poll();
        while (caller == null) {
            synchronized (this) {
                if (unused.isEmpty()) {
                    signUp(BATCH);
                }
            }
            caller = unused.poll();
        }
        return caller;
    }

    private void signUp(int count) {
        List<Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new Member("member-" + UUID.randomUUID(), "Bench Rider", phone(), phone(), Language.EN,
                    new CardOnFile("tok_local_visa_4242_bench", "visa", "4242", 12, 2035), Instant.now()));
        }
        mongo.insertAll(members.stream().map(MemberDocument::of).toList());
        members.forEach(member -> unused.add(new Caller(member.memberId(), tokens.accessFor(
                new PhoneIdentity(member.phoneNumber(), member.memberId(), null), TOKEN_LIFETIME).value())));
    }

    private String phone() {
        return String.format("+8210%08d", phones.incrementAndGet() % 100_000_000);
    }
}
