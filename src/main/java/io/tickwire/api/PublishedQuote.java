package io.tickwire.api;

import io.tickwire.market.Quote;
import io.tickwire.market.Symbols;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.function.Predicate;

/**
 * One quote in the body of {@code POST /api/ticks}, as a publisher sends it; the server assigns {@code seq} and
 * {@code ts}. Fields a quote may lack are {@code null}.
 */
record PublishedQuote(String symbol, Double price, Double bid, Double ask, Long volume, Double open) {

    /**
     * @param where how the error names this quote, such as {@code [2]}
     * @param carried whether this server carries a symbol
     * @throws ResponseStatusException 400 saying which field is wrong and why
     */
    Quote toQuote(String where, Predicate<String> carried) {
        if (!Symbols.isWellFormed(symbol)) {
            throw invalid(where + ".symbol must match " + Symbols.PATTERN.pattern() + ", was " + quoted(symbol));
        }
        if (!carried.test(symbol)) {
            throw invalid(where + ".symbol '" + symbol + "' is not carried by this server");
        }
        if (price == null) {
            throw invalid(where + ".price is missing");
        }
        requirePositiveFinite(where + ".price", price);
        requirePositiveFinite(where + ".bid", bid);
        requirePositiveFinite(where + ".ask", ask);
        requirePositiveFinite(where + ".open", open);
        if (volume != null && volume < 0) {
            throw invalid(where + ".volume must not be negative, was " + volume);
        }
        return new Quote(symbol, price, bid, ask, volume, open);
    }

    private static void requirePositiveFinite(String field, Double value) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            throw invalid(field + " must be a positive finite number, was " + value);
        }
    }

    static ResponseStatusException invalid(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value.substring(0, Math.min(value.length(), 40)) + "'";
    }
}
