package io.tickwire.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.tickwire.session.SessionMeters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reads meters from the registry by name, as the status page shows them; a meter that is not there reads 0. */
final class MeterReadings {

    private final MeterRegistry registry;

    MeterReadings(MeterRegistry registry) {
        this.registry = registry;
    }

    double gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    /** The sum of every counter of that name, whatever its tags. */
    double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The running totals of what was published and sent. */
    StatusReport.Totals totals() {
        return new StatusReport.Totals((long) counter(SessionMeters.TICKS_PUBLISHED),
                (long) counter(SessionMeters.MESSAGES_SENT), (long) counter(SessionMeters.BYTES_SENT));
    }

    /** The counters of that name by the value of one of their tags, in the tag values' order. */
    Map<String, Long> countersByTag(String name, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).counters()) {
            counts.merge(String.valueOf(counter.getId().getTag(tag)), (long) counter.count(), Long::sum);
        }
        return counts;
    }

    /** The timer's median, 99th percentile and maximum over its recent window, in milliseconds. */
    Percentiles percentiles(String timerName) {
        Timer timer = registry.find(timerName).timer();
        if (timer == null) {
            return new Percentiles(0, 0, 0);
        }
        double p50 = 0;
        double p99 = 0;
        for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
            if (percentile.percentile() == 0.5) {
                p50 = percentile.value(TimeUnit.MILLISECONDS);
            } else if (percentile.percentile() == 0.99) {
                p99 = percentile.value(TimeUnit.MILLISECONDS);
            }
        }
        return new Percentiles(p50, p99, timer.max(TimeUnit.MILLISECONDS));
    }

    /** Milliseconds. */
    record Percentiles(double p50, double p99, double max) {
    }
}
