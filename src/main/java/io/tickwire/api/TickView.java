package io.tickwire.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tickwire.market.Tick;

/** A tick as the API shows it: the same fields as the protocol's {@code tick} message, so clients parse both alike. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "symbol", "seq", "price", "bid", "ask", "volume", "open", "ts" })
record TickView(String symbol, long seq, double price, Double bid, Double ask, Long volume, Double open, long ts) {

    static TickView of(Tick tick) {
        return new TickView(tick.symbol(), tick.seq(), tick.price(), tick.bid(), tick.ask(), tick.volume(),
                tick.open(), tick.ts());
    }

    @JsonProperty
    String type() {
        return "tick";
    }
}
