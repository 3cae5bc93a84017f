package io.tickwire.cluster;

import io.tickwire.market.Tick;

/**
 * A tick as {@code append.lua} publishes it to every node, {@code symbol;epoch;seq;} followed by the
 * {@link TickCodec} fields. The epoch travels with it so that a receiving node can tell a new history from a gap.
 *
 * @param epoch the symbol's epoch at the time of the append
 * @param tick the tick as stored in the stream
 */
record PublishedTick(String epoch, Tick tick) {

    static PublishedTick decode(String message) {
        int symbolEnd = message.indexOf(';');
        int epochEnd = message.indexOf(';', symbolEnd + 1);
        int seqEnd = message.indexOf(';', epochEnd + 1);
        if (symbolEnd < 1 || epochEnd < 0 || seqEnd < 0) {
            throw new IllegalArgumentException("not a published tick: " + message);
        }
        String symbol = message.substring(0, symbolEnd);
        long seq = Long.parseLong(message.substring(epochEnd + 1, seqEnd));
        return new PublishedTick(message.substring(symbolEnd + 1, epochEnd),
                TickCodec.decode(symbol, seq, message.substring(seqEnd + 1)));
    }
}
