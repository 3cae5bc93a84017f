package io.tickwire.history;

import io.tickwire.market.Tick;

import java.util.List;

/**
 * What a subscriber gets for one symbol: either every tick it missed ({@code recovered}), or the latest tick.
 * Never a partial replay.
 *
 * @param symbol the instrument
 * @param epoch the current epoch of the symbol
 * @param seq the symbol's latest position; the subscriber's next tick has a greater seq
 * @param recovered whether {@code replay} holds every tick after the client's position
 * @param replay the missed ticks in order, ending at {@code seq}; empty unless recovered
 * @param snapshot the latest tick when not recovered, or {@code null} if the symbol has none yet
 */
public record Resumption(String symbol, String epoch, long seq, boolean recovered, List<Tick> replay, Tick snapshot) {

    public static Resumption recovered(String symbol, String epoch, long seq, List<Tick> replay) {
        return new Resumption(symbol, epoch, seq, true, List.copyOf(replay), null);
    }

    public static Resumption snapshot(String symbol, String epoch, long seq, Tick latest) {
        return new Resumption(symbol, epoch, seq, false, List.of(), latest);
    }
}
