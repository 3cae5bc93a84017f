package io.tickwire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens many WebSocket connections to one server on this machine, subscribes each to every symbol, and measures
 * for a fixed time what arrives: ticks per second, publish-to-receipt latency, gaps, duplicates, and its own CPU.
 * Plain JDK: one selector thread (or a few) with non-blocking sockets, the upgrade and the framing written by
 * hand, ticks read without building JSON trees.
 * <p>
 * Prints {@code MEASURE START} and {@code MEASURE END} as the window opens and closes, so that a driver can sample
 * the server over the same window, then a summary and one {@code RESULT key=value ...} line.
 */
public final class LoadClient {

    private static final String USAGE = """
            usage: LoadClient --port P [--host 127.0.0.1] [--path /ws/ticker] [--clients 1000]
                              [--symbols 10 | --symbols S0,S1,...] [--warmup 5s] [--duration 20s]
                              [--connect-rate 2000] [--max-in-flight 200] [--connect-timeout 10s]
                              [--threads 1] [--ports-per-address 25000]""";

    /** How long the controller waits for an I/O thread to finish closing its connections. */
    private static final long JOIN_MILLIS = 15_000;

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
            options.target();
        }
        catch (IllegalArgumentException e) {
            System.err.println("LoadClient: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LoadReport report = run(options, System.out);
        System.out.println(report.summary());
        System.out.println(report.resultLine());
        System.out.flush();
    }

    static LoadReport run(LoadOptions options, PrintStream progress) throws IOException, InterruptedException {
        InetSocketAddress target = new InetSocketAddress(options.target(), options.port());
        List<InetAddress> localAddresses = options.localAddresses();
        IoLoop.Control control = new IoLoop.Control();
        int threadCount = Math.min(options.threads(), options.clients());
        List<IoLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < threadCount; i++) {
            int count = options.clients() / threadCount + (i < options.clients() % threadCount ? 1 : 0);
            loops.add(new IoLoop(options, target, localAddresses, first, count,
                    (double) options.connectRate() / threadCount, Math.max(1, options.maxInFlight() / threadCount),
                    control));
            first += count;
        }
        long start = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            Thread thread = new Thread(loops.get(i), "load-io-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        double rampSeconds;
        double windowSeconds = 0;
        Cpu before = null;
        Cpu after = null;
        try {
            long budget = connectBudget(options.clients(), options.connectRate(), options.connectTimeout()).toNanos();
            while (settled(loops) < options.clients() && System.nanoTime() - start < budget && anyAlive(threads)) {
                Thread.sleep(50);
            }
            long upgradedAt = 0;
            for (IoLoop loop : loops) {
                upgradedAt = Math.max(upgradedAt, loop.upgradedAtNanos());
            }
            rampSeconds = ((upgradedAt == 0 ? System.nanoTime() : upgradedAt) - start) / 1e9;
            progress.printf("CONNECTED %d of %d settled in %.1f s%n", settled(loops), options.clients(), rampSeconds);
            progress.flush();
            Thread.sleep(options.warmup().toMillis());
            before = Cpu.sample(threads);
            long windowStart = System.nanoTime();
            control.measuring = true;
            progress.println("MEASURE START");
            progress.flush();
            Thread.sleep(options.duration().toMillis());
            control.measuring = false;
            windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            after = Cpu.sample(threads);
            progress.println("MEASURE END");
            progress.flush();
        }
        finally {
            control.stopping = true;
            for (IoLoop loop : loops) {
                loop.wakeup();
            }
            for (Thread thread : threads) {
                thread.join(JOIN_MILLIS);
            }
        }
        return report(options, loops, rampSeconds, windowSeconds, before, after);
    }

    /**
     * How long opening may take in all: twice the paced time plus a minute, since a busy server upgrades more
     * slowly than the client asks. Connections still opening after it are counted as failures at the end.
     */
    static Duration connectBudget(int clients, int connectRate, Duration connectTimeout) {
        return Duration.ofSeconds(2L * clients / connectRate + 60).plus(connectTimeout);
    }

    private static LoadReport report(LoadOptions options, List<IoLoop> loops, double rampSeconds, double windowSeconds,
                                     Cpu before, Cpu after) {
        LatencyHistogram latency = new LatencyHistogram(60_000);
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Integer> drops = new TreeMap<>();
        int upgraded = 0;
        int failed = 0;
        int dropped = 0;
        long ticks = 0;
        long frames = 0;
        long bytes = 0;
        long malformed = 0;
        long missingTimestamps = 0;
        long totalTicks = 0;
        long gaps = 0;
        long missing = 0;
        long duplicates = 0;
        long skipped = 0;
        int silent = 0;
        for (IoLoop loop : loops) {
            latency.add(loop.latency);
            loop.failures.forEach((reason, n) -> failures.merge(reason, n, Integer::sum));
            loop.drops.forEach((reason, n) -> drops.merge(reason, n, Integer::sum));
            upgraded += loop.upgradedCount;
            failed += loop.failed;
            dropped += loop.dropped;
            ticks += loop.windowTicks;
            frames += loop.windowFrames;
            bytes += loop.windowBytes;
            malformed += loop.malformed + loop.binaryFrames;
            missingTimestamps += loop.missingTimestamps;
            for (Connection c : loop.connections()) {
                totalTicks += c.tracker.ticks();
                gaps += c.tracker.gaps();
                missing += c.tracker.missing();
                duplicates += c.tracker.duplicates();
                skipped += c.tracker.skipped();
                if (c.upgraded && c.tracker.ticks() == 0) {
                    silent++;
                }
            }
        }
        // connections never even started (a loop that died) are failures too
        int unaccounted = options.clients() - upgraded - failed;
        if (unaccounted > 0) {
            failed += unaccounted;
            failures.merge("never opened", unaccounted, Integer::sum);
        }
        double cpu = before == null || after == null || windowSeconds <= 0 ? -1
                : (after.processNanos - before.processNanos) / 1e7 / windowSeconds;
        double busiest = -1;
        if (before != null && after != null && windowSeconds > 0) {
            for (int i = 0; i < before.threadNanos.length; i++) {
                busiest = Math.max(busiest, (after.threadNanos[i] - before.threadNanos[i]) / 1e7 / windowSeconds);
            }
        }
        return new LoadReport(options.clients(), upgraded, failed, describe(failures), dropped, describe(drops),
                rampSeconds, windowSeconds, ticks, frames, bytes, LoadReport.Latency.of(latency), totalTicks, gaps,
                missing, duplicates, skipped, silent, malformed, missingTimestamps, cpu, busiest);
    }

    private static String describe(Map<String, Integer> reasons) {
        StringBuilder text = new StringBuilder();
        reasons.forEach((reason, n) -> text.append(text.length() == 0 ? "" : "; ").append(reason).append(" x").append(n));
        return text.length() == 0 ? "" : "(" + text + ")";
    }

    private static int settled(List<IoLoop> loops) {
        int settled = 0;
        for (IoLoop loop : loops) {
            settled += loop.settled();
        }
        return settled;
    }

    private static boolean anyAlive(List<Thread> threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** CPU time of this process and of each I/O thread, in nanoseconds; -1 where the JVM cannot tell. */
    private record Cpu(long processNanos, long[] threadNanos) {

        static Cpu sample(List<Thread> threads) {
            long process = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                process = os.getProcessCpuTime();
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] perThread = new long[threads.size()];
            for (int i = 0; i < perThread.length; i++) {
                perThread[i] = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(threads.get(i).getId()) : -1;
            }
            return new Cpu(process, perThread);
        }
    }
}
