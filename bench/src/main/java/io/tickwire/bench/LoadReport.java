package io.tickwire.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one load run measured. Throughput and latency cover the measuring window only; correctness counts
 * (gaps, duplicates, skipped) cover the whole run, so a loss during warm-up is not hidden.
 *
 * @param clients connections asked for
 * @param upgraded connections that completed the WebSocket upgrade
 * @param failed connections that never did (refused, timed out, HTTP error)
 * @param failures why, with counts
 * @param dropped upgraded connections that ended before the run did
 * @param drops why, with counts
 * @param rampSeconds time to open and upgrade every connection
 * @param windowSeconds length of the measuring window
 * @param ticks ticks received in the window, each item of a batch counted
 * @param frames text frames received in the window
 * @param bytes bytes received in the window, framing included
 * @param latency publish-to-receipt latency of the ticks in the window, milliseconds
 * @param totalTicks ticks received over the whole run
 * @param gaps jumps in seq that {@code skipped} does not explain
 * @param missing ticks lost in those jumps
 * @param duplicates ticks whose seq was not above the last of their symbol
 * @param skipped ticks the server said it left out on purpose
 * @param silentClients upgraded connections that received no tick at all
 * @param malformed messages that were not the JSON promised
 * @param missingTimestamps ticks in the window without {@code ts}
 * @param cpuPercent this process's CPU time over the window, percent of one core
 * @param ioThreadCpuPercent the busiest I/O thread's CPU time over the window, percent of one core: near 100
 *        means the load client, not the server, set the pace
 */
record LoadReport(int clients, int upgraded, int failed, String failures, int dropped, String drops,
                  double rampSeconds, double windowSeconds, long ticks, long frames, long bytes,
                  Latency latency, long totalTicks, long gaps, long missing, long duplicates, long skipped,
                  int silentClients, long malformed, long missingTimestamps, double cpuPercent,
                  double ioThreadCpuPercent) {

    /** Percentiles in milliseconds. */
    record Latency(long p50, long p90, long p99, long p999, long max, double mean, long count) {

        static Latency of(LatencyHistogram h) {
            return new Latency(h.percentile(50), h.percentile(90), h.percentile(99), h.percentile(99.9), h.max(),
                    h.mean(), h.count());
        }
    }

    double ticksPerSecond() {
        return windowSeconds > 0 ? ticks / windowSeconds : 0;
    }

    /** No connection failed or dropped, and every tick came in order or with its {@code skipped}. */
    boolean correct() {
        return failed == 0 && dropped == 0 && gaps == 0 && duplicates == 0 && malformed == 0
                && silentClients == 0 && upgraded == clients;
    }

    String summary() {
        return String.format(Locale.ROOT, """
                connections  %d of %d upgraded in %.1f s; failed %d %s; dropped %d %s
                window       %.1f s: %d ticks in %d frames, %.0f ticks/s, %.1f MB/s
                latency ms   p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  mean %.1f  (%d samples)
                correctness  gaps %d (%d ticks missing), duplicates %d, skipped %d, silent clients %d, malformed %d, no ts %d (of %d ticks in the run)
                client cpu   %.0f %% of a core in all, busiest I/O thread %.0f %%""",
                upgraded, clients, rampSeconds, failed, failures, dropped, drops,
                windowSeconds, ticks, frames, ticksPerSecond(), windowSeconds > 0 ? bytes / windowSeconds / 1e6 : 0,
                latency.p50, latency.p90, latency.p99, latency.p999, latency.max, latency.mean, latency.count,
                gaps, missing, duplicates, skipped, silentClients, malformed, missingTimestamps, totalTicks,
                cpuPercent, ioThreadCpuPercent);
    }

    /** One line of {@code key=value} pairs, without spaces in any value, for the sweep to read. */
    String resultLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clients", clients);
        fields.put("upgraded", upgraded);
        fields.put("failed", failed);
        fields.put("dropped", dropped);
        fields.put("ramp_s", format(rampSeconds));
        fields.put("window_s", format(windowSeconds));
        fields.put("ticks", ticks);
        fields.put("ticks_per_s", Math.round(ticksPerSecond()));
        fields.put("frames", frames);
        fields.put("bytes", bytes);
        fields.put("p50_ms", latency.p50);
        fields.put("p90_ms", latency.p90);
        fields.put("p99_ms", latency.p99);
        fields.put("p999_ms", latency.p999);
        fields.put("max_ms", latency.max);
        fields.put("mean_ms", format(latency.mean));
        fields.put("total_ticks", totalTicks);
        fields.put("gaps", gaps);
        fields.put("missing", missing);
        fields.put("duplicates", duplicates);
        fields.put("skipped", skipped);
        fields.put("silent_clients", silentClients);
        fields.put("malformed", malformed);
        fields.put("cpu_pct", format(cpuPercent));
        fields.put("io_thread_cpu_pct", format(ioThreadCpuPercent));
        fields.put("failures", token(failures));
        fields.put("drops", token(drops));
        StringBuilder line = new StringBuilder("RESULT");
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }

    /** The fields of a {@link #resultLine()}. */
    static Map<String, String> parseResultLine(String line) {
        if (!line.startsWith("RESULT ")) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring("RESULT ".length()).trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String token(String text) {
        return text.isEmpty() ? "-" : text.replaceAll("\\s+", "_").replace('=', ':');
    }
}
