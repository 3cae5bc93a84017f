package io.tickwire.feed;

import io.tickwire.market.Quote;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Plausible quotes for any symbol: a log-normal random walk of the price in whole cents, a bid and ask of one
 * cent to about one basis point apart with the price between them, volume rising in lots of 100, and
 * {@code open} fixed at the starting price.
 * <p>
 * Each symbol walks with its own generator, seeded from the walk's seed and the symbol, so a symbol's prices
 * depend only on the seed and how many quotes of that symbol were taken, not on the other symbols. Not
 * thread-safe.
 */
final class RandomWalk {

    /** Standard deviation of one step's log return: about 5 bp, so a price moves visibly but not wildly. */
    private static final double SIGMA = 0.0005;

    private static final Map<String, Double> STARTING_PRICES = Map.ofEntries(
            Map.entry("AAPL", 190.0), Map.entry("MSFT", 410.0), Map.entry("NVDA", 120.0),
            Map.entry("AMZN", 180.0), Map.entry("GOOGL", 170.0), Map.entry("META", 500.0),
            Map.entry("TSLA", 250.0), Map.entry("BRK.B", 410.0), Map.entry("JPM", 200.0),
            Map.entry("V", 275.0), Map.entry("JNJ", 155.0), Map.entry("WMT", 65.0),
            Map.entry("XOM", 115.0), Map.entry("UNH", 520.0), Map.entry("MA", 460.0),
            Map.entry("PG", 165.0), Map.entry("HD", 350.0), Map.entry("KO", 62.0),
            Map.entry("PEP", 170.0), Map.entry("NFLX", 650.0));

    private final long seed;

    private final Map<String, Walk> walks = new HashMap<>();

    RandomWalk(long seed) {
        this.seed = seed;
    }

    Quote next(String symbol) {
        return walks.computeIfAbsent(symbol, this::startWalk).next(symbol);
    }

    private Walk startWalk(String symbol) {
        // java.util.Random, whose algorithm is specified, so a seed gives the same prices on every JDK
        Random random = new Random(mix(seed ^ mix(symbol.hashCode())));
        Double known = STARTING_PRICES.get(symbol);
        double start = (known != null) ? known : 10 + random.nextDouble() * 490;
        return new Walk(random, Math.max(1, Math.round(start * 100)));
    }

    /** SplitMix64's finalizer, so that neighbouring seeds give unrelated generators. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double dollars(long cents) {
        return cents / 100.0;
    }

    private static final class Walk {

        private final Random random;

        private final long openCents;

        /** Unrounded, so that small steps of a cheap symbol add up instead of being rounded away. */
        private double level;

        private long volume;

        Walk(Random random, long openCents) {
            this.random = random;
            this.openCents = openCents;
            this.level = openCents;
        }

        Quote next(String symbol) {
            level *= Math.exp(SIGMA * random.nextGaussian());
            long price = Math.max(1, Math.round(level));
            long spread = Math.max(1, Math.round(price * 0.0001));
            long below = Math.min(random.nextInt((int) Math.min(spread + 1, Integer.MAX_VALUE)), price - 1);
            long bid = price - below;
            volume += 100L * (1 + random.nextInt(20));
            return new Quote(symbol, dollars(price), dollars(bid), dollars(bid + spread), volume, dollars(openCents));
        }
    }
}
