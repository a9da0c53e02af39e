package io.anycalltaxi.local.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Given a partition read from an offset, when records are taken (t), passed over (p) and finished
 * (f) in some order, then the offset to commit is the first one still unfinished: nothing after a
 * delivery in flight is committed past it, and nothing finished holds the commit back.
 */
class PartitionProgressTest {

    @ParameterizedTest(name = "from {0}, {1}: commit {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10 |                               | 10
            10 | t10                           | 10
            10 | t10 f10                       | 11
            10 | p10 p11                       | 12
            10 | t10 t11 t12 f12 f11           | 10
            10 | t10 t11 t12 f10               | 11
            10 | t10 t11 t12 f10 f12           | 11
            10 | t10 t11 t12 f11 f10 f12       | 13
            10 | t10 p11 t12 f10               | 12
            10 | t10 p11 p12                   | 10
            0  | t0 t1 f1 t2 f2 f0             | 3
            """)
    void theCommittableOffsetIsTheFirstUnfinished(long start, String steps, long committable) {
        PartitionProgress progress = new PartitionProgress(start);

        if (steps != null) {
            Arrays.stream(steps.split(" ")).forEach(step -> {
                long offset = Long.parseLong(step.substring(1));
                switch (step.charAt(0)) {
                    case 't' -> progress.taken(offset);
                    case 'p' -> progress.passed(offset);
                    case 'f' -> progress.finished(offset);
                    default -> throw new IllegalArgumentException(step);
                }
            });
        }

        assertThat(progress.committable()).isEqualTo(committable);
    }
}
