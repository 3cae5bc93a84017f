package io.tickwire.api;

import io.tickwire.history.TickHistory;
import io.tickwire.market.Symbols;
import io.tickwire.market.UnknownSymbolException;
import io.tickwire.protocol.TickMessage;
import io.tickwire.security.SymbolEntitlements;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.util.List;

/** What a page needs before its socket is live: the symbols, and recent ticks to draw a chart from. */
@RestController
@RequestMapping("/api/symbols")
class SymbolController {

    static final int MAX_LIMIT = 10_000;

    private final TickHistory history;
    private final SymbolEntitlements entitlements;

    SymbolController(TickHistory history, SymbolEntitlements entitlements) {
        this.history = history;
        this.entitlements = entitlements;
    }

    /** The symbols the caller may see; {@code principal} is {@code null} for an anonymous caller. */
    @GetMapping
    List<SymbolView> symbols(Principal principal) {
        return history.symbols().stream()
                .filter(symbol -> entitlements.isEntitled(principal, symbol))
                .map(symbol -> new SymbolView(symbol, history.latest(symbol).map(TickMessage::of).orElse(null)))
                .toList();
    }

    /** Oldest first; fewer than {@code limit} when history holds fewer. */
    @GetMapping("/{symbol}/ticks")
    List<TickMessage> ticks(@PathVariable String symbol, @RequestParam(defaultValue = "100") int limit, Principal principal) {
        if (!Symbols.isWellFormed(symbol)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Symbol '" + symbol + "' is malformed: it must match " + Symbols.PATTERN.pattern());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (!history.contains(symbol)) {
            throw new UnknownSymbolException(symbol);
        }
        if (!entitlements.isEntitled(principal, symbol)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Not entitled to symbol '" + symbol + "'");
        }
        return history.recent(symbol, limit).stream().map(TickMessage::of).toList();
    }
}
