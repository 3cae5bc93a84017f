package io.tickwire.bench;

import java.net.ProtocolException;
import java.util.Arrays;

/**
 * Splits the bytes a server sends into WebSocket frames (RFC 6455) and hands each complete text message to a
 * {@link Listener}. A message in one frame is handed over straight from the caller's buffer; only the bytes of an
 * unfinished frame, and the fragments of an unfinished message, are copied and kept. Control frames may arrive
 * between fragments. Servers do not mask; a masked frame is unmasked all the same. One per connection.
 */
final class FrameReader {

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** Close code for a close frame without one (RFC 6455 7.4.1). */
    static final int NO_STATUS = 1005;

    /** What a reader finds. Buffers are only valid during the call. */
    interface Listener {

        void onText(byte[] buf, int off, int len);

        void onBinary(int len);

        void onPing(byte[] buf, int off, int len);

        void onClose(int code);

        /** Clients are not sent pongs they did not ask for; a server reading its clients is. */
        default void onPong(byte[] buf, int off, int len) {
        }
    }

    private static final byte[] NONE = new byte[0];

    /** Above this, a kept buffer is dropped once empty rather than held for the connection's life. */
    private static final int KEEP_BYTES = 16 * 1024;

    private final int maxMessageBytes;

    private byte[] carry = NONE;

    private int carryLength;

    private byte[] message = NONE;

    private int messageLength;

    /** Opcode of the fragmented message under way, or -1. */
    private int messageOpcode = -1;

    private boolean closed;

    FrameReader(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Reads what {@code buf[off, off+len)} completes; keeps the rest for the next call. Frames after a close frame
     * are ignored. May write into {@code buf} (to unmask).
     *
     * @throws ProtocolException when the stream breaks RFC 6455 or a message exceeds the limit
     */
    void feed(byte[] buf, int off, int len, Listener listener) throws ProtocolException {
        if (closed) {
            return;
        }
        if (carryLength == 0) {
            int used = frames(buf, off, off + len, listener);
            keep(buf, off + used, len - used);
            return;
        }
        keep(buf, off, len);
        int used = frames(carry, 0, carryLength, listener);
        System.arraycopy(carry, used, carry, 0, carryLength - used);
        carryLength -= used;
        if (carryLength == 0 && carry.length > KEEP_BYTES) {
            carry = NONE;
        }
    }

    /** Bytes of an unfinished frame held for the next call. */
    int pending() {
        return carryLength;
    }

    boolean closed() {
        return closed;
    }

    private void keep(byte[] buf, int off, int len) {
        if (len == 0) {
            return;
        }
        if (carry.length - carryLength < len) {
            carry = Arrays.copyOf(carry, Math.max(carryLength + len, Math.max(256, carry.length * 2)));
        }
        System.arraycopy(buf, off, carry, carryLength, len);
        carryLength += len;
    }

    /** @return how many bytes of {@code [from, to)} were whole frames */
    private int frames(byte[] b, int from, int to, Listener listener) throws ProtocolException {
        int pos = from;
        while (!closed && to - pos >= 2) {
            int b0 = b[pos] & 0xFF;
            int b1 = b[pos + 1] & 0xFF;
            if ((b0 & 0x70) != 0) {
                throw new ProtocolException("reserved bits set without a negotiated extension");
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (to - pos < 4) {
                    break;
                }
                length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
                header = 4;
            }
            else if (length == 127) {
                if (to - pos < 10) {
                    break;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (b[pos + i] & 0xFF);
                }
                if (length < 0) {
                    throw new ProtocolException("frame length has the most significant bit set");
                }
                header = 10;
            }
            if (length > maxMessageBytes) {
                throw new ProtocolException("frame of " + length + " bytes exceeds " + maxMessageBytes);
            }
            int maskAt = pos + header;
            if (masked) {
                header += 4;
            }
            if (to - pos < header + length) {
                break;
            }
            int payload = pos + header;
            int payloadLength = (int) length;
            if (masked) {
                for (int i = 0; i < payloadLength; i++) {
                    b[payload + i] ^= b[maskAt + (i & 3)];
                }
            }
            frame(fin, opcode, b, payload, payloadLength, listener);
            pos = payload + payloadLength;
        }
        return pos - from;
    }

    private void frame(boolean fin, int opcode, byte[] b, int off, int len, Listener listener) throws ProtocolException {
        switch (opcode) {
            case OP_TEXT, OP_BINARY -> {
                if (messageOpcode != -1) {
                    throw new ProtocolException("new message before the fragmented one ended");
                }
                if (fin) {
                    deliver(opcode, b, off, len, listener);
                }
                else {
                    messageOpcode = opcode;
                    append(b, off, len);
                }
            }
            case OP_CONTINUATION -> {
                if (messageOpcode == -1) {
                    throw new ProtocolException("continuation frame without a message under way");
                }
                append(b, off, len);
                if (fin) {
                    int completed = messageOpcode;
                    messageOpcode = -1;
                    int length = messageLength;
                    messageLength = 0;
                    deliver(completed, message, 0, length, listener);
                    if (message.length > KEEP_BYTES) {
                        message = NONE;
                    }
                }
            }
            case OP_CLOSE, OP_PING, OP_PONG -> {
                if (!fin || len > 125) {
                    throw new ProtocolException("control frame fragmented or longer than 125 bytes");
                }
                if (opcode == OP_PING) {
                    listener.onPing(b, off, len);
                }
                else if (opcode == OP_PONG) {
                    listener.onPong(b, off, len);
                }
                else if (opcode == OP_CLOSE) {
                    if (len == 1) {
                        throw new ProtocolException("close frame with a one-byte payload");
                    }
                    closed = true;
                    listener.onClose(len >= 2 ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF) : NO_STATUS);
                }
            }
            default -> throw new ProtocolException("unknown opcode " + opcode);
        }
    }

    private void append(byte[] b, int off, int len) throws ProtocolException {
        if ((long) messageLength + len > maxMessageBytes) {
            throw new ProtocolException("message exceeds " + maxMessageBytes + " bytes");
        }
        if (message.length - messageLength < len) {
            message = Arrays.copyOf(message, Math.max(messageLength + len, Math.max(256, message.length * 2)));
        }
        System.arraycopy(b, off, message, messageLength, len);
        messageLength += len;
    }

    private static void deliver(int opcode, byte[] b, int off, int len, Listener listener) {
        if (opcode == OP_TEXT) {
            listener.onText(b, off, len);
        }
        else {
            listener.onBinary(len);
        }
    }
}
