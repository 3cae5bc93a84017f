package io.tickwire.operations;

import io.tickwire.session.SessionMeters;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last minutes of the figures the status page charts, sampled at a fixed interval, so that the page shows them
 * as soon as it opens. Rates are the counters' increase between two samples.
 */
final class StatusHistory {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    /** Ten minutes at {@link #INTERVAL}. */
    static final int POINTS = 120;

    private final MeterReadings readings;
    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private StatusReport.Totals last;

    private long lastTs;

    StatusHistory(MeterReadings readings, Clock clock, int capacity) {
        this.readings = readings;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Takes a sample; the first one only sets the counters' starting point. */
    synchronized void sample() {
        long ts = clock.millis();
        StatusReport.Totals now = readings.totals();
        if (last != null && ts > lastTs) {
            double seconds = (ts - lastTs) / 1000.0;
            points.addLast(new Point(ts, (int) readings.gauge(SessionMeters.SESSIONS_OPEN),
                    rate(last.ticksPublished(), now.ticksPublished(), seconds),
                    rate(last.messagesSent(), now.messagesSent(), seconds),
                    rate(last.bytesSent(), now.bytesSent(), seconds)));
            if (points.size() > capacity) {
                points.removeFirst();
            }
        }
        last = now;
        lastTs = ts;
    }

    /** Oldest first. */
    synchronized List<Point> points() {
        return List.copyOf(points);
    }

    private static double rate(double before, double after, double seconds) {
        return Math.max(0, after - before) / seconds;
    }

    /**
     * @param ts when it was taken, epoch milliseconds
     * @param sessions open at that moment
     */
    record Point(long ts, int sessions, double ticksPerSecond, double messagesPerSecond, double bytesPerSecond) {
    }
}
