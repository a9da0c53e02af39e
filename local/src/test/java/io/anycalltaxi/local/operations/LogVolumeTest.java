package io.anycalltaxi.local.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.Broker;
import io.anycalltaxi.local.testing.Ride;
import io.anycalltaxi.local.testing.SharedStack;

/**
 * Under load every line per event adds up (a taxi reports every few seconds; each event passes
 * several functions): at INFO a trip writes what an operator acts on or accounts for (the money
 * and the exceptions), not a line per delivery or per routine step, which are at DEBUG.
 */
@ExtendWith({ SharedStack.class, OutputCaptureExtension.class })
class LogVolumeTest {

    @Test
    void aWholeTripWritesOnlyItsMoneyAtInfo(CapturedOutput output) {
        Ride ride = Ride.offered(Api.gateway(), "서울41타4141", "Noh Jun").assigned().started();
        ride.driver().reportAt(ride.pickup(), false);
        ride.completed(3_000, 30);
        Broker.awaitAllDelivered();

        List<String> info = output.getAll().lines().filter(line -> line.contains(" INFO "))
                .filter(line -> line.contains(ride.callId())).toList();
        assertThat(info).as("the trip's lines at INFO").isNotEmpty()
                .allSatisfy(line -> assertThat(line).containsAnyOf("payment", "charge", "FARE"))
                .hasSizeLessThanOrEqualTo(3);
        assertThat(output.getAll()).as("no line per delivery").doesNotContain("handled io.anycalltaxi.");
    }
}
