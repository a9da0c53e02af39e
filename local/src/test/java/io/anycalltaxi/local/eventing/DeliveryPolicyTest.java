package io.anycalltaxi.local.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.knative.duck.v1.DeliverySpec;

/**
 * The retry schedule is Knative's: retry n waits backoffDelay * n (linear) or backoffDelay * 2^n
 * (exponential, also when no policy is given); the Trigger's fields win over the Broker's. And the
 * data plane's retryable answers: 404, 409, 429 and 5xx; any other 4xx is final.
 */
class DeliveryPolicyTest {

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            linear      | PT0.2S | 200 400 600 800
            exponential | PT0.2S | 400 800 1600 3200
            exponential | PT1S   | 2000 4000 8000 16000
                        | PT1S   | 2000 4000 8000 16000
            linear      | PT1S   | 1000 2000 3000 4000
            """)
    void theScheduleIsKnatives(String policy, String delay, String millis) {
        DeliverySpec trigger = new DeliverySpec();
        trigger.setRetry(4);
        trigger.setBackoffPolicy(policy);
        trigger.setBackoffDelay(delay);

        DeliveryPolicy delivery = DeliveryPolicy.of(trigger, null);

        assertThat(IntStream.rangeClosed(1, 4).mapToObj(delivery::backoff).map(Duration::toMillis).toList())
                .containsExactlyElementsOf(Arrays.stream(millis.split(" ")).map(Long::valueOf).toList());
    }

    @ParameterizedTest(name = "given the broker's {0} and the trigger's {1}: {2} retries, first after {3} ms")
    @CsvSource(delimiter = '|', textBlock = """
            5 |   | 5 | 400
            5 | 2 | 2 | 400
              |   | 0 | 400
            """)
    void theTriggersFieldsWinOverTheBrokers(Integer brokerRetry, Integer triggerRetry, int retries, long firstMillis) {
        DeliverySpec broker = new DeliverySpec();
        broker.setRetry(brokerRetry);
        broker.setBackoffDelay("PT0.2S");
        DeliverySpec trigger = new DeliverySpec();
        trigger.setRetry(triggerRetry);

        DeliveryPolicy delivery = DeliveryPolicy.of(trigger, broker);

        assertThat(delivery.retry()).isEqualTo(retries);
        assertThat(delivery.backoff(1).toMillis()).isEqualTo(firstMillis);
    }

    @ParameterizedTest(name = "{0} is retried: {1}")
    @CsvSource({ "404, true", "409, true", "429, true", "500, true", "502, true", "503, true", "504, true",
            "400, false", "401, false", "403, false", "405, false", "408, false", "413, false", "422, false" })
    void onlyTheDataPlanesRetryableAnswersAreRetried(int status, boolean retried) {
        assertThat(DeliveryPolicy.retryable(status)).isEqualTo(retried);
    }
}
