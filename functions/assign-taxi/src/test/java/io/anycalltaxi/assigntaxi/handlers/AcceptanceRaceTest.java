package io.anycalltaxi.assigntaxi.handlers;

import static io.anycalltaxi.assigntaxi.handlers.DispatchFixture.data;
import static io.anycalltaxi.assigntaxi.handlers.DispatchFixture.freshId;
import static io.anycalltaxi.core.testing.Places.north;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.anycalltaxi.assigntaxi.store.Fleet;
import io.anycalltaxi.core.events.EventType;
import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.core.events.TaxiAssigned;
import io.anycalltaxi.core.testing.FunctionTest;
import io.anycalltaxi.core.testing.Places;
import io.anycalltaxi.core.trip.TripStatus;
import io.anycalltaxi.core.trip.store.Trips;
import io.cloudevents.CloudEvent;

/**
 * Twenty taxis accept the same calls at the same moment. In each of 20 rounds,
 * 20 taxis each accept all of 10 calls at once (200 acceptances racing); over the 200 calls, each
 * gets exactly one taxi.assigned and 19 rejections, and no taxi is given two calls.
 */
@FunctionTest(properties = { "spring.config.name=assign-taxi", "anycalltaxi.dispatch.max-offers=25" })
class AcceptanceRaceTest {

    private static final int ROUNDS = 20;
    private static final int CALLS_PER_ROUND = 10;
    private static final int TAXIS = 20;

    @LocalServerPort
    int port;

    @Autowired
    Trips trips;

    @Autowired
    Fleet fleet;

    private record Answer(String callId, String taxiId, CloudEvent reply) {
    }

    @Test
    void exactlyOneOfTwentyAcceptancesWinsEveryCallAndNoTaxiGetsTwo() throws Exception {
        DispatchFixture dispatch = new DispatchFixture(port, trips);
        ExecutorService drivers = Executors.newFixedThreadPool(TAXIS);
        Map<String, String> winnerOfCall = new HashMap<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Place pickup = Places.fresh();
                List<String> taxis = new ArrayList<>();
                for (int t = 0; t < TAXIS; t++) {
                    String taxi = freshId("taxi");
                    dispatch.report(taxi, north(pickup, 10 * t), true, Instant.now());
                    taxis.add(taxi);
                }
                List<String> calls = new ArrayList<>();
                for (int c = 0; c < CALLS_PER_ROUND; c++) {
                    String callId = freshId("call");
                    assertThat(dispatch.call(callId, pickup)).containsExactlyInAnyOrderElementsOf(taxis);
                    calls.add(callId);
                }
                for (Answer answer : race(dispatch, drivers, calls, taxis)) {
                    if (answer.reply().getType().equals(EventType.TAXI_ASSIGNED.type())) {
                        String previous = winnerOfCall.put(answer.callId(), answer.taxiId());
                        assertThat(previous).as("a second taxi.assigned for " + answer.callId()).isNull();
                        assertThat(data(answer.reply(), TaxiAssigned.class).taxiId()).isEqualTo(answer.taxiId());
                    } else {
                        assertThat(answer.reply().getType()).isEqualTo(EventType.CALL_ACCEPTANCE_REJECTED.type());
                    }
                }
                assertThat(winnerOfCall).containsKeys(calls.toArray(String[]::new));
            }
        } finally {
            drivers.shutdownNow();
        }

        assertThat(winnerOfCall).hasSize(ROUNDS * CALLS_PER_ROUND);
        assertThat(winnerOfCall.values()).as("no taxi got two calls").doesNotHaveDuplicates();
        winnerOfCall.forEach((callId, taxiId) -> {
            assertThat(trips.find(callId).orElseThrow().status()).isEqualTo(TripStatus.ASSIGNED);
            assertThat(trips.find(callId).orElseThrow().taxi().taxiId()).isEqualTo(taxiId);
            assertThat(fleet.find(taxiId).orElseThrow().busyWith()).isEqualTo(callId);
        });
    }

    /** Every taxi accepts every call, all released at once; 19 rejections per call. */
    private static List<Answer> race(DispatchFixture dispatch, ExecutorService drivers, List<String> calls,
            List<String> taxis) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Answer>> acceptances = new ArrayList<>();
        for (String callId : calls) {
            for (String taxi : taxis) {
                acceptances.add(() -> {
                    go.await();
                    return new Answer(callId, taxi, dispatch.accept(callId, taxi));
                });
            }
        }
        Collections.shuffle(acceptances);
        List<Future<Answer>> pending = new ArrayList<>();
        acceptances.forEach(acceptance -> pending.add(drivers.submit(acceptance)));
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pending) {
            answers.add(answer.get());
        }
        for (String callId : calls) {
            long rejected = answers.stream().filter(a -> a.callId().equals(callId))
                    .filter(a -> a.reply().getType().equals(EventType.CALL_ACCEPTANCE_REJECTED.type())).count();
            assertThat(rejected).as("rejections for " + callId).isEqualTo(taxis.size() - 1);
        }
        return answers;
    }
}
