package io.anycalltaxi.local.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.anycalltaxi.local.testing.Api;
import io.anycalltaxi.local.testing.SharedStack;

/** Every function answers Kubernetes' liveness and readiness probes; readiness includes MongoDB. */
@ExtendWith(SharedStack.class)
class HealthProbesTest {

    @Test
    void everyFunctionIsLiveAndReady() {
        assertThat(SharedStack.stack().functions().values()).isNotEmpty().allSatisfy(function -> {
            Api api = new Api(function.url());
            Api.Response liveness = api.get("/actuator/health/liveness");
            Api.Response readiness = api.get("/actuator/health/readiness");

            assertThat(liveness.status()).as(function.name() + " liveness").isEqualTo(200);
            assertThat(readiness.status()).as(function.name() + " readiness").isEqualTo(200);
            assertThat(readiness.body().path("components").path("mongoPing").path("status").asText())
                    .as(function.name() + " checks MongoDB").isEqualTo("UP");
        });
    }
}
