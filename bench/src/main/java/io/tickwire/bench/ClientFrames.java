package io.tickwire.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Frames a client sends: always masked (RFC 6455 5.3), always a single final frame. */
final class ClientFrames {

    private ClientFrames() {
    }

    static ByteBuffer text(String text, int maskKey) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frame(FrameReader.OP_TEXT, payload, 0, payload.length, maskKey);
    }

    static ByteBuffer pong(byte[] payload, int off, int len, int maskKey) {
        return frame(FrameReader.OP_PONG, payload, off, len, maskKey);
    }

    static ByteBuffer close(int code, int maskKey) {
        byte[] payload = { (byte) (code >> 8), (byte) code };
        return frame(FrameReader.OP_CLOSE, payload, 0, 2, maskKey);
    }

    static ByteBuffer frame(int opcode, byte[] payload, int off, int len, int maskKey) {
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + len);
        frame.put((byte) (0x80 | opcode));
        if (len < 126) {
            frame.put((byte) (0x80 | len));
        }
        else if (len < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) len);
        }
        else {
            frame.put((byte) (0x80 | 127)).putLong(len);
        }
        frame.putInt(maskKey);
        for (int i = 0; i < len; i++) {
            frame.put((byte) (payload[off + i] ^ (maskKey >>> (8 * (3 - (i & 3))))));
        }
        return frame.flip();
    }
}
