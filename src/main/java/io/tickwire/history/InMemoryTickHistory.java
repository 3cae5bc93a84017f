package io.tickwire.history;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.UnknownSymbolException;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** History held in this process: every start is a new epoch, since nothing survives a restart. */
public final class InMemoryTickHistory implements TickHistory {

    private final Map<String, SymbolHistory> bySymbol;

    public InMemoryTickHistory(Collection<String> symbols, int size, Supplier<String> epochs) {
        Map<String, SymbolHistory> histories = new LinkedHashMap<>();
        for (String symbol : symbols) {
            histories.put(symbol, new SymbolHistory(symbol, epochs.get(), size));
        }
        this.bySymbol = Collections.unmodifiableMap(histories);
    }

    @Override
    public Set<String> symbols() {
        return bySymbol.keySet();
    }

    @Override
    public boolean contains(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    @Override
    public Tick append(Quote quote, long ts) {
        return of(quote.symbol()).append(quote, ts);
    }

    @Override
    public Optional<Tick> latest(String symbol) {
        return of(symbol).latest();
    }

    @Override
    public List<Tick> recent(String symbol, int limit) {
        return of(symbol).recent(limit);
    }

    @Override
    public Resumption resume(String symbol, Position from) {
        return of(symbol).resume(from);
    }

    private SymbolHistory of(String symbol) {
        SymbolHistory history = bySymbol.get(symbol);
        if (history == null) {
            throw new UnknownSymbolException(symbol);
        }
        return history;
    }
}
