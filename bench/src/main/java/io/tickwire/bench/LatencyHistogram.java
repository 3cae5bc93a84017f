package io.tickwire.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Latencies in whole milliseconds, one bucket per millisecond up to a limit, so recording is one array increment
 * and percentiles are exact for every value under the limit. Values above the limit are counted and set
 * {@link #max()}; a percentile that falls among them is reported as the max. Not thread-safe: one per I/O thread,
 * merged at the end.
 */
final class LatencyHistogram {

    private final long[] counts;

    private long total;

    private long overflow;

    private long negative;

    private long sum;

    private long max;

    /** @param limitMillis largest latency kept in its own bucket, such as 60,000 */
    LatencyHistogram(int limitMillis) {
        if (limitMillis < 0) {
            throw new IllegalArgumentException("limitMillis must not be negative, was " + limitMillis);
        }
        this.counts = new long[limitMillis + 1];
    }

    /** Negative values (a clock step between sender and receiver) are counted as 0 and remembered in {@link #negative()}. */
    void record(long millis) {
        if (millis < 0) {
            negative++;
            millis = 0;
        }
        if (millis < counts.length) {
            counts[(int) millis]++;
        }
        else {
            overflow++;
        }
        total++;
        sum += millis;
        if (millis > max) {
            max = millis;
        }
    }

    void add(LatencyHistogram other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException("histograms have different limits");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        overflow += other.overflow;
        negative += other.negative;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    /**
     * The nearest-rank percentile: the smallest recorded value such that at least {@code percent} percent of all
     * values are less than or equal to it. 0 when nothing was recorded.
     *
     * @param percent from 0 (exclusive in effect: the smallest value) to 100 (the max)
     */
    long percentile(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be within [0, 100], was " + percent);
        }
        if (total == 0) {
            return 0;
        }
        // exact decimal arithmetic: 99.9 % of 1000 is rank 999, not 1000 through a binary rounding error
        long rank = BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(total))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
        rank = Math.max(1, rank);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i;
            }
        }
        return max;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** Values above the limit, whose exact place is known only for the largest. */
    long overflow() {
        return overflow;
    }

    long negative() {
        return negative;
    }
}
