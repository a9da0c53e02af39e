package io.anycalltaxi.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What many requests got: a latency histogram (microseconds) for each HTTP status; -1 is no answer at all. */
final class Outcomes {

    static final int NO_ANSWER = -1;
    static final IntPredicate ANY = status -> true;

    private final Map<Integer, Histogram> byStatus = new ConcurrentHashMap<>();
    private volatile Duration measured = Duration.ZERO;

    void record(int status, long nanos) {
        byStatus.computeIfAbsent(status, s -> new ConcurrentHistogram(3)).recordValue(Math.max(1, nanos / 1_000));
    }

    void measuredOver(Duration duration) {
        this.measured = duration;
    }

    Duration measured() {
        return measured;
    }

    long count(IntPredicate statuses) {
        return merged(statuses).getTotalCount();
    }

    long count(int status) {
        return count(s -> s == status);
    }

    double perSecond(IntPredicate statuses) {
        return measured.isZero() ? 0 : count(statuses) / (measured.toNanos() / 1e9);
    }

    /** In milliseconds; NaN when no request had such a status. */
    double percentileMillis(IntPredicate statuses, double percentile) {
        Histogram merged = merged(statuses);
        return merged.getTotalCount() == 0 ? Double.NaN : merged.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis(IntPredicate statuses) {
        Histogram merged = merged(statuses);
        return merged.getTotalCount() == 0 ? Double.NaN : merged.getMaxValue() / 1_000.0;
    }

    private Histogram merged(IntPredicate statuses) {
        Histogram merged = new Histogram(3);
        byStatus.forEach((status, histogram) -> {
            if (statuses.test(status)) {
                merged.add(histogram);
            }
        });
        return merged;
    }
}
