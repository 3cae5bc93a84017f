package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;

/**
 * A tick's fields other than symbol and seq as one string, {@code ts;price;bid;ask;volume;open} with empty
 * optional fields: the value of a stream entry (whose id carries the seq) and the tail of a published message.
 */
final class TickCodec {

    private static final char SEPARATOR = ';';

    private TickCodec() {
    }

    static String encode(Quote quote, long ts) {
        return new StringBuilder().append(ts).append(SEPARATOR).append(quote.price())
                .append(SEPARATOR).append(orEmpty(quote.bid())).append(SEPARATOR).append(orEmpty(quote.ask()))
                .append(SEPARATOR).append(orEmpty(quote.volume())).append(SEPARATOR).append(orEmpty(quote.open()))
                .toString();
    }

    static Tick decode(String symbol, long seq, String fields) {
        String[] parts = fields.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not an encoded tick: " + fields);
        }
        return new Tick(symbol, seq, Double.parseDouble(parts[1]), optionalDouble(parts[2]), optionalDouble(parts[3]),
                parts[4].isEmpty() ? null : Long.valueOf(parts[4]), optionalDouble(parts[5]), Long.parseLong(parts[0]));
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }

    private static Double optionalDouble(String part) {
        return part.isEmpty() ? null : Double.valueOf(part);
    }
}
