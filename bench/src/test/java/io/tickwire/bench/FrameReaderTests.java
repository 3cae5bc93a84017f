package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameReaderTests {

    /** Writes down what the reader reports, copying buffers since they are only valid during the call. */
    static class Recording implements FrameReader.Listener {

        final List<String> events = new ArrayList<>();

        @Override
        public void onText(byte[] buf, int off, int len) {
            events.add("text:" + new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onBinary(int len) {
            events.add("binary:" + len);
        }

        @Override
        public void onPing(byte[] buf, int off, int len) {
            events.add("ping:" + new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(int code) {
            events.add("close:" + code);
        }
    }

    /** A server frame: unmasked unless a mask key is given. */
    static byte[] frame(boolean fin, int opcode, byte[] payload, Integer maskKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = maskKey == null ? 0 : 0x80;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        }
        else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        }
        else {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (maskKey == null) {
            out.writeBytes(payload);
        }
        else {
            byte[] key = ByteBuffer.allocate(4).putInt(maskKey).array();
            out.writeBytes(key);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ key[i & 3]);
            }
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return frame(true, FrameReader.OP_TEXT, s.getBytes(StandardCharsets.UTF_8), null);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private final Recording recording = new Recording();

    private final FrameReader reader = new FrameReader(1 << 20);

    @Test
    void readsSeveralFramesFromOneRead() throws Exception {
        byte[] bytes = concat(text("{\"a\":1}"), text("{\"b\":2}"), text(""));
        reader.feed(bytes, 0, bytes.length, recording);
        assertThat(recording.events).containsExactly("text:{\"a\":1}", "text:{\"b\":2}", "text:");
        assertThat(reader.pending()).isZero();
    }

    @Test
    void sameMessagesWhateverTheReadBoundaries() throws Exception {
        String big = "x".repeat(300);
        String huge = "y".repeat(70_000);
        byte[] bytes = concat(text("one"), text(big), frame(true, FrameReader.OP_PING, "p".getBytes(), null),
                text(huge), text("last"));
        List<String> expected = List.of("text:one", "text:" + big, "ping:p", "text:" + huge, "text:last");
        for (int chunk : new int[] { 1, 2, 3, 7, 125, 126, 127, 4096, bytes.length }) {
            Recording r = new Recording();
            FrameReader fresh = new FrameReader(1 << 20);
            for (int off = 0; off < bytes.length; off += chunk) {
                fresh.feed(bytes, off, Math.min(chunk, bytes.length - off), r);
            }
            assertThat(r.events).as("chunks of %d", chunk).containsExactlyElementsOf(expected);
            assertThat(fresh.pending()).isZero();
        }
    }

    @Test
    void everySplitPointOfTwoFramesGivesTheSameMessages() throws Exception {
        byte[] bytes = concat(text("{\"type\":\"tick\",\"seq\":1}"), text("z".repeat(200)));
        for (int split = 0; split <= bytes.length; split++) {
            Recording r = new Recording();
            FrameReader fresh = new FrameReader(1 << 20);
            byte[] copy = bytes.clone();
            fresh.feed(copy, 0, split, r);
            fresh.feed(copy, split, copy.length - split, r);
            assertThat(r.events).as("split at %d", split).containsExactly("text:{\"type\":\"tick\",\"seq\":1}", "text:" + "z".repeat(200));
        }
    }

    @Test
    void joinsFragmentsWithAPingBetweenThem() throws Exception {
        byte[] bytes = concat(
                frame(false, FrameReader.OP_TEXT, "{\"type\":\"ba".getBytes(), null),
                frame(true, FrameReader.OP_PING, "hb".getBytes(), null),
                frame(false, FrameReader.OP_CONTINUATION, "tch\",\"items\"".getBytes(), null),
                frame(true, FrameReader.OP_CONTINUATION, ":[]}".getBytes(), null),
                text("after"));
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            Recording r = new Recording();
            FrameReader fresh = new FrameReader(1 << 20);
            byte[] copy = bytes.clone();
            for (int off = 0; off < copy.length; off += chunk) {
                fresh.feed(copy, off, Math.min(chunk, copy.length - off), r);
            }
            assertThat(r.events).as("chunks of %d", chunk)
                    .containsExactly("ping:hb", "text:{\"type\":\"batch\",\"items\":[]}", "text:after");
        }
    }

    @Test
    void unmasksAMaskedFrame() throws Exception {
        byte[] bytes = frame(true, FrameReader.OP_TEXT, "masked anyway".getBytes(), 0x12345678);
        reader.feed(bytes, 0, bytes.length, recording);
        assertThat(recording.events).containsExactly("text:masked anyway");
    }

    @Test
    void reportsCloseCodeAndIgnoresWhatFollows() throws Exception {
        byte[] bytes = concat(frame(true, FrameReader.OP_CLOSE, new byte[] { 0x0F, (byte) 0xA1, 'b', 'y', 'e' }, null),
                text("too late"));
        reader.feed(bytes, 0, bytes.length, recording);
        assertThat(recording.events).containsExactly("close:4001");
        assertThat(reader.closed()).isTrue();
    }

    @Test
    void closeWithoutCodeIs1005() throws Exception {
        byte[] bytes = frame(true, FrameReader.OP_CLOSE, new byte[0], null);
        reader.feed(bytes, 0, bytes.length, recording);
        assertThat(recording.events).containsExactly("close:1005");
    }

    @Test
    void countsBinaryAndIgnoresPong() throws Exception {
        byte[] bytes = concat(frame(true, FrameReader.OP_BINARY, new byte[3], null),
                frame(true, FrameReader.OP_PONG, new byte[0], null), text("t"));
        reader.feed(bytes, 0, bytes.length, recording);
        assertThat(recording.events).containsExactly("binary:3", "text:t");
    }

    @Test
    void refusesBrokenStreams() {
        assertBroken(frame(true, FrameReader.OP_CONTINUATION, "x".getBytes(), null));
        assertBroken(concat(frame(false, FrameReader.OP_TEXT, "x".getBytes(), null), text("y")));
        assertBroken(frame(false, FrameReader.OP_PING, new byte[0], null));
        assertBroken(frame(true, 0x3, new byte[0], null));
        assertBroken(new byte[] { (byte) 0xC1, 0 });
        assertBroken(frame(true, FrameReader.OP_PING, new byte[126], null));
        assertBroken(frame(true, FrameReader.OP_CLOSE, new byte[1], null));
    }

    @Test
    void refusesMessagesOverTheLimitWithoutBufferingThem() {
        FrameReader small = new FrameReader(100);
        byte[] header = { (byte) 0x81, 127, 0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> small.feed(header, 0, header.length, recording));
        FrameReader fragments = new FrameReader(100);
        byte[] bytes = concat(frame(false, FrameReader.OP_TEXT, new byte[60], null),
                frame(true, FrameReader.OP_CONTINUATION, new byte[60], null));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> fragments.feed(bytes, 0, bytes.length, recording));
    }

    @Test
    void clientFramesAreMaskedAndReadBack() throws Exception {
        String json = "{\"type\":\"subscribe\",\"symbols\":[" + "\"S1\",".repeat(40) + "\"S2\"]}";
        ByteBuffer frame = ClientFrames.text(json, 0xCAFEBABE);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        assertThat(bytes[1] & 0x80).as("mask bit").isEqualTo(0x80);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("subscribe");
        ByteBuffer pong = ClientFrames.pong("abc".getBytes(), 0, 3, 7);
        ByteBuffer close = ClientFrames.close(1000, -1);
        byte[] all = concat(bytes, toArray(pong), toArray(close));
        reader.feed(all, 0, all.length, recording);
        assertThat(recording.events).containsExactly("text:" + json, "close:1000");
    }

    @Test
    void pongEchoesThePingPayload() throws Exception {
        byte[] pong = toArray(ClientFrames.pong("12345".getBytes(), 1, 3, 0x01020304));
        assertThat(pong[0] & 0xFF).isEqualTo(0x80 | FrameReader.OP_PONG);
        assertThat(pong[1] & 0x7F).isEqualTo(3);
        byte[] asPing = pong.clone();
        asPing[0] = (byte) (0x80 | FrameReader.OP_PING);
        reader.feed(asPing, 0, asPing.length, recording);
        assertThat(recording.events).containsExactly("ping:234");
    }

    private void assertBroken(byte[] bytes) {
        FrameReader fresh = new FrameReader(1 << 20);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> fresh.feed(bytes, 0, bytes.length, new Recording()));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
