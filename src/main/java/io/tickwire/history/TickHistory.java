package io.tickwire.history;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The recent ticks of every symbol, and the sequence they are numbered in. */
public interface TickHistory {

    Set<String> symbols();

    boolean contains(String symbol);

    /**
     * Gives the quote the next seq of its symbol and stores it. Callers serialise appends per symbol.
     *
     * @param ts publish time, epoch milliseconds
     */
    Tick append(Quote quote, long ts);

    Optional<Tick> latest(String symbol);

    /** The last {@code limit} ticks of the symbol, oldest first. */
    List<Tick> recent(String symbol, int limit);

    /**
     * Answers a subscriber that last processed {@code from} (or {@code null} for a fresh subscription).
     */
    Resumption resume(String symbol, Position from);
}
