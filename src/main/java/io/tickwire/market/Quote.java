package io.tickwire.market;

import java.util.Objects;

/**
 * A price update as a feed produces it, before the server gives it a place in the symbol's history.
 *
 * @param symbol the instrument, matching {@link Symbols#PATTERN}
 * @param price last traded price, positive and finite
 * @param bid best bid, or {@code null} when the feed has none
 * @param ask best ask, or {@code null} when the feed has none
 * @param volume traded volume of the session so far, or {@code null}
 * @param open opening price of the session, or {@code null}
 */
public record Quote(String symbol, double price, Double bid, Double ask, Long volume, Double open) {

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
    }

    public static Quote of(String symbol, double price) {
        return new Quote(symbol, price, null, null, null, null);
    }
}
