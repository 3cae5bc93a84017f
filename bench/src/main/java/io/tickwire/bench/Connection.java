package io.tickwire.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One client connection's state, touched only by its I/O thread. Kept small: there may be 20,000. */
final class Connection {

    enum State { CONNECTING, UPGRADING, OPEN, CLOSING, CLOSED }

    final FrameReader reader;

    final SequenceTracker tracker = new SequenceTracker();

    final long startedNanos;

    State state = State.CONNECTING;

    boolean upgraded;

    SocketChannel channel;

    SelectionKey selectionKey;

    /** {@code Sec-WebSocket-Key} sent, until the upgrade is answered. */
    String handshakeKey;

    /** The response head read so far, until the upgrade is answered. */
    byte[] head;

    int headLength;

    /** Frames the socket could not take yet, oldest first; null when none wait. */
    ArrayDeque<ByteBuffer> outbox;

    Connection(FrameReader reader, long startedNanos) {
        this.reader = reader;
        this.startedNanos = startedNanos;
    }

    boolean settling() {
        return state == State.CONNECTING || state == State.UPGRADING;
    }
}
