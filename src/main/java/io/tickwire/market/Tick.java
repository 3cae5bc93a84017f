package io.tickwire.market;

/**
 * A quote placed in its symbol's history: {@code seq} rises by exactly one per tick within an epoch.
 *
 * @param symbol the instrument
 * @param seq position in the symbol's history, starting at 1
 * @param price last traded price
 * @param bid best bid, or {@code null}
 * @param ask best ask, or {@code null}
 * @param volume traded volume, or {@code null}
 * @param open opening price, or {@code null}
 * @param ts the server's publish time, epoch milliseconds
 */
public record Tick(String symbol, long seq, double price, Double bid, Double ask, Long volume, Double open, long ts) {

    public static Tick of(Quote quote, long seq, long ts) {
        return new Tick(quote.symbol(), seq, quote.price(), quote.bid(), quote.ask(), quote.volume(), quote.open(), ts);
    }
}
