package io.tickwire.history;

/**
 * A place in one symbol's history: the client's last fully processed tick, or the latest tick of a stream.
 *
 * @param epoch names one history stream of the symbol
 * @param seq position within that stream
 */
public record Position(String epoch, long seq) {
}
