package io.anycalltaxi.local.trip;

import static io.anycalltaxi.local.testing.Views.awaitView;
import static io.anycalltaxi.local.testing.Views.hasInTimeline;
import static io.anycalltaxi.local.testing.Views.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.anycalltaxi.core.events.Place;
import io.anycalltaxi.local.functions.FunctionHost;
import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Rider;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * With assign-taxi down, calls are still taken; the
 * broker keeps their events and delivers them once it is back, without anybody sending again.
 */
@ExtendWith(SharedStack.class)
class StoreAndForwardTest {

    private final Api api = Api.gateway();

    @Test
    void callsTakenWhileDispatchIsDownAreDispatchedOnceItIsBack() {
        FunctionHost assignTaxi = SharedStack.stack().function("assign-taxi");
        Rider first = Rider.signUp(api);
        Rider second = Rider.signUp(api);
        Place pickup = Rider.somewhere();
        assignTaxi.stop();
        String firstCall;
        String secondCall;
        try {
            firstCall = first.call(pickup, Rider.near(pickup, 2_000));
            secondCall = second.call(pickup, Rider.near(pickup, 3_000));
            awaitView(firstCall, hasInTimeline("call.requested"));
            awaitView(secondCall, hasInTimeline("call.requested"));
            assertThat(timeline(Api.operator().get("/trips/" + firstCall).body())).doesNotContain("call.offered");
        } finally {
            assignTaxi.start();
        }

        awaitView(firstCall, hasInTimeline("call.offered"));
        awaitView(secondCall, hasInTimeline("call.offered"));
    }
}
