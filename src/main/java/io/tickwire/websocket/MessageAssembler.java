package io.tickwire.websocket;

import io.tickwire.protocol.Utf8;

/**
 * Puts a client's message back together from the parts the container hands over (one per frame, or per filled
 * buffer), so that its size is bounded in UTF-8 bytes, as the protocol says, and a message cannot be stretched
 * over an endless run of empty continuation frames. Used by one connection's inbound thread only.
 */
final class MessageAssembler {

    private final int maxBytes;
    private final int maxParts;
    private StringBuilder pending;
    private int pendingBytes;
    private int parts;

    MessageAssembler(int maxBytes, int maxParts) {
        this.maxBytes = maxBytes;
        this.maxParts = maxParts;
    }

    /**
     * @return the whole message once its last part came, or {@code null} while more is to come
     * @throws TooBig when the message grows past the limits; the connection must then be closed with 1009
     */
    String append(String part, boolean last) {
        int bytes = Utf8.length(part);
        if (++parts > maxParts || pendingBytes + bytes > maxBytes) {
            throw new TooBig(parts > maxParts ? "a message of more than " + maxParts + " frames"
                    : "a message of more than " + maxBytes + " bytes");
        }
        if (last && pending == null) {
            parts = 0;
            return part;
        }
        if (pending == null) {
            pending = new StringBuilder(Math.max(16, part.length() * 2));
        }
        pending.append(part);
        pendingBytes += bytes;
        if (!last) {
            return null;
        }
        String message = pending.toString();
        pending = null;
        pendingBytes = 0;
        parts = 0;
        return message;
    }

    /** The message is larger than the protocol allows. */
    static final class TooBig extends RuntimeException {

        TooBig(String message) {
            super(message, null, false, false);
        }
    }
}
