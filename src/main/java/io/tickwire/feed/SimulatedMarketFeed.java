package io.tickwire.feed;

import io.tickwire.market.Quote;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Random-walk quotes for a fixed list of symbols, round robin, at a steady rate. One thread emits every quote,
 * so the quotes of a symbol reach the sink in order.
 * <p>
 * How many quotes are due is worked out from the clock rather than from how often the thread wakes, so the
 * rate holds however the scheduler jitters; after a pause (a GC, a suspended laptop) the feed catches up by at
 * most one second's worth instead of flooding the sink.
 */
final class SimulatedMarketFeed implements MarketFeed {

    private static final Log logger = LogFactory.getLog(SimulatedMarketFeed.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final List<String> symbols;

    private final RandomWalk walk;

    private final Clock clock;

    /** Quotes per second over all symbols. */
    private final double rate;

    private final long maxBurst;

    private ScheduledExecutorService executor;

    // Touched only by the emitting thread once started; start() hands them over through the executor.

    private Instant origin;

    private long emittedSinceOrigin;

    private int nextSymbol;

    private Instant nextFailureLog = Instant.MIN;

    private long unloggedFailures;

    SimulatedMarketFeed(List<String> symbols, double ticksPerSecond, RandomWalk walk, Clock clock) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("symbols must not be empty");
        }
        if (!(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("ticksPerSecond must be positive and finite, was " + ticksPerSecond);
        }
        this.symbols = List.copyOf(symbols);
        this.walk = walk;
        this.clock = clock;
        this.rate = ticksPerSecond * this.symbols.size();
        this.maxBurst = (long) Math.ceil(this.rate);
        this.origin = clock.instant();
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public synchronized void start(Consumer<Quote> sink) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        origin = clock.instant();
        emittedSinceOrigin = 0;
        executor = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "tickwire-feed");
            thread.setDaemon(true);
            return thread;
        });
        long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / rate));
        executor.scheduleAtFixedRate(() -> emitDueSafely(sink), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    private void emitDueSafely(Consumer<Quote> sink) {
        // an exception escaping a periodic task would silently cancel all its later runs
        try {
            emitDue(sink);
        }
        catch (RuntimeException ex) {
            logger.error("Simulated feed failed to emit quotes", ex);
        }
    }

    /**
     * Emits every quote that has fallen due since the last call, at most one second's worth.
     * @return how many quotes were emitted
     */
    int emitDue(Consumer<Quote> sink) {
        Instant now = clock.instant();
        long dueSinceOrigin = (long) (Duration.between(origin, now).toNanos() * rate / 1e9);
        long due = dueSinceOrigin - emittedSinceOrigin;
        if (due < 0) {
            // the wall clock was set back: count afresh from now rather than stall until it is back where it was
            origin = now;
            emittedSinceOrigin = 0;
            return 0;
        }
        if (due > maxBurst) {
            // forget the backlog beyond one second and count afresh from now
            due = maxBurst;
            origin = now;
            emittedSinceOrigin = 0;
        }
        else {
            emittedSinceOrigin += due;
        }
        for (long i = 0; i < due; i++) {
            emit(sink, walk.next(symbols.get(nextSymbol)));
            nextSymbol = (nextSymbol + 1) % symbols.size();
        }
        return (int) due;
    }

    private void emit(Consumer<Quote> sink, Quote quote) {
        try {
            sink.accept(quote);
        }
        catch (RuntimeException ex) {
            // a sink that fails on every quote, or every quote of one symbol, would otherwise log many stack
            // traces a second
            Instant now = clock.instant();
            if (!now.isBefore(nextFailureLog)) {
                logger.error("Simulated feed's sink failed on " + quote + " (and on " + unloggedFailures
                        + " other quotes since the last such message)", ex);
                nextFailureLog = now.plus(FAILURE_LOG_INTERVAL);
                unloggedFailures = 0;
            }
            else {
                unloggedFailures++;
                if (logger.isDebugEnabled()) {
                    logger.debug("Simulated feed's sink failed on " + quote, ex);
                }
            }
        }
    }
}
