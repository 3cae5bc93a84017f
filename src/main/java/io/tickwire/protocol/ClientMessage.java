package io.tickwire.protocol;

import io.tickwire.history.Position;

import java.util.List;
import java.util.Map;

/** A request from a client, already checked against PROTOCOL.md. {@code id} is a Long, a String or null. */
public sealed interface ClientMessage {

    Object id();

    /**
     * @param symbols requested symbols in request order, without repeats
     * @param resume the client's last position per symbol; may be empty
     * @param maxRate most updates per second per symbol, or {@code null} for every update
     */
    record Subscribe(Object id, List<String> symbols, Map<String, Position> resume, Double maxRate) implements ClientMessage {
    }

    record Unsubscribe(Object id, List<String> symbols) implements ClientMessage {
    }

    /** @param ts the client's clock, echoed back unchanged; may be {@code null} */
    record Ping(Object id, Long ts) implements ClientMessage {
    }
}
