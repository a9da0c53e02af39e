package io.anycalltaxi.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.anycalltaxi.core.claim.ClaimAge;
import io.anycalltaxi.core.store.Claims.Claim;
import io.anycalltaxi.core.store.Claims.Standing;
import io.anycalltaxi.core.testing.EmbeddedMongo;

/** The claim mechanic on the embedded MongoDB-wire server: given a claim, when another comes, then who holds it. */
class ClaimsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Claims.Kind<Job> JOB = new Claims.Kind<>(Job.class, "claimedAt", Job::claimedAt);

    private static MongoClient client;
    private static MongoTemplate mongo;

    @Document("claims_test_jobs")
    record Job(@Id String key, String holder, boolean done, Instant claimedAt) {
    }

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri());
        mongo = new MongoTemplate(client, "anycalltaxi");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Claims at(Instant now) {
        return new Claims(mongo, Clock.fixed(now, ZoneOffset.UTC), ClaimAge.DEFAULT);
    }

    private static Claim<Job> claim(Claims claims, String key, String holder) {
        return claims.claim(JOB, key, new Job(key, holder, false, claims.now()),
                earlier -> earlier.done() ? Standing.SETTLED
                        : claims.isStale(earlier.claimedAt()) ? Standing.LAPSED : Standing.HOLDS,
                Update.update("holder", holder));
    }

    @Test
    void theFirstClaimWinsAndALiveOneStands() {
        String key = UUID.randomUUID().toString();

        Claim<Job> first = claim(at(NOW), key, "a");
        Claim<Job> second = claim(at(NOW.plusSeconds(5)), key, "b");

        assertThat(first).isEqualTo(new Claim.Won<Job>(null));
        assertThat(second).isInstanceOfSatisfying(Claim.Stands.class,
                stands -> assertThat(stands.standing()).isEqualTo(Standing.HOLDS));
        assertThat(mongo.findById(key, Job.class).holder()).isEqualTo("a");
    }

    @Test
    void aSettledClaimIsAnsweredFromNotTakenOver() {
        String key = UUID.randomUUID().toString();
        mongo.insert(new Job(key, "a", true, NOW));

        Claim<Job> late = claim(at(NOW.plus(Duration.ofHours(1))), key, "b");

        assertThat(late).isInstanceOfSatisfying(Claim.Stands.class,
                stands -> assertThat(stands.standing()).isEqualTo(Standing.SETTLED));
        assertThat(mongo.findById(key, Job.class).holder()).isEqualTo("a");
    }

    @Test
    void aClaimStoredWithoutATimeCountsAsAbandoned() {
        String key = UUID.randomUUID().toString();
        mongo.insert(new Job(key, "before claims had a time", false, null));

        Claim<Job> taken = claim(at(NOW), key, "b");

        assertThat(taken).isInstanceOf(Claim.Won.class);
        assertThat(mongo.findById(key, Job.class).holder()).isEqualTo("b");
    }

    @Test
    void anAbandonedClaimIsTakenOverByExactlyOneOfManyTakers() throws Exception {
        String key = UUID.randomUUID().toString();
        claim(at(NOW), key, "crashed");
        Claims later = at(NOW.plus(ClaimAge.DEFAULT.staleAfter()));

        List<Claim<Job>> claims = atOnce(8, i -> claim(later, key, "taker-" + i));

        assertThat(claims).filteredOn(c -> c instanceof Claim.Won<Job>).hasSize(1)
                .allSatisfy(won -> assertThat(((Claim.Won<Job>) won).previous().holder()).isEqualTo("crashed"));
        Job stored = mongo.findById(key, Job.class);
        assertThat(stored.holder()).startsWith("taker-");
        assertThat(stored.claimedAt()).isEqualTo(later.now());
    }

    @Test
    void ofManyFirstClaimsAtOnceExactlyOneWinsAndTheOthersSeeIt() throws Exception {
        String key = UUID.randomUUID().toString();

        List<Claim<Job>> claims = atOnce(8, i -> claim(at(NOW), key, "claimant-" + i));

        String winner = mongo.findById(key, Job.class).holder();
        assertThat(claims).containsOnlyOnce(new Claim.Won<Job>(null));
        assertThat(claims).filteredOn(Claim.Stands.class::isInstance).hasSize(7).allSatisfy(stands ->
                assertThat(((Claim.Stands<Job>) stands).existing().holder()).isEqualTo(winner));
    }

    /** What {@code count} claimants get when they all ask at once, each on a thread of its own. */
    private static List<Claim<Job>> atOnce(int count, IntFunction<Claim<Job>> claimant) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim<Job>>> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            outcomes.add(threads.submit(() -> {
                go.await();
                return claimant.apply(n);
            }));
        }
        go.countDown();
        List<Claim<Job>> claims = new ArrayList<>();
        for (Future<Claim<Job>> outcome : outcomes) {
            claims.add(outcome.get());
        }
        threads.shutdown();
        return claims;
    }
}
