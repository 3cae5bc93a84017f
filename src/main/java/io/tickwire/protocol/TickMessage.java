package io.tickwire.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tickwire.market.Tick;

/**
 * A tick as it goes on the wire and out of the HTTP API alike, so that clients parse both the same way. Absent
 * optional fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "symbol", "seq", "price", "bid", "ask", "volume", "open", "ts"})
public record TickMessage(String type, String symbol, long seq, double price, Double bid, Double ask, Long volume, Double open, long ts) {

    public static TickMessage of(Tick tick) {
        return new TickMessage("tick", tick.symbol(), tick.seq(), tick.price(), tick.bid(), tick.ask(), tick.volume(), tick.open(), tick.ts());
    }
}
