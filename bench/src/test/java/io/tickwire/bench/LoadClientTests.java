package io.tickwire.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole client against a scripted server written here: upgrade, subscribe, frames of every kind, pings. */
class LoadClientTests {

    private final ExecutorService server = Executors.newCachedThreadPool();

    /** What the scripted server read from clients, one entry per frame, as {@code text:...} or {@code pong:...}. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void countsBatchesFragmentsGapsDuplicatesAndSkippedAndAnswersPings() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.submit(() -> serve(listener, 2));
            LoadOptions options = new LoadOptions("127.0.0.1", listener.getLocalPort(), "/ws/ticker", 2,
                    List.of("S0", "S1"), Duration.ZERO, Duration.ofMillis(1500), 100, 10, Duration.ofSeconds(5), 1, 25_000);

            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            LoadReport report = LoadClient.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("MEASURE START").contains("MEASURE END");
            assertThat(report.upgraded()).isEqualTo(2);
            assertThat(report.failed()).isZero();
            assertThat(report.dropped()).isZero();
            assertThat(report.malformed()).isZero();
            // per connection: S0 1..4, 6, 6 (dup), 8 with skipped=1, S1 1, 5 with skipped=3
            assertThat(report.totalTicks()).isEqualTo(2 * 9);
            assertThat(report.gaps()).isEqualTo(2);
            assertThat(report.missing()).isEqualTo(2);
            assertThat(report.duplicates()).isEqualTo(2);
            assertThat(report.skipped()).isEqualTo(2 * 4);
            assertThat(report.silentClients()).isZero();
            assertThat(report.cpuPercent()).isGreaterThanOrEqualTo(0);
            List<String> frames = List.copyOf(received);
            assertThat(frames).filteredOn(f -> f.startsWith("text:"))
                    .containsOnly("text:{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"S0\",\"S1\"]}").hasSize(2);
            assertThat(frames).filteredOn(f -> f.startsWith("pong:")).containsOnly("pong:hb").hasSize(2);
            assertThat(frames).filteredOn(f -> f.startsWith("close:")).containsOnly("close:1000").hasSize(2);
        }
    }

    @Test
    void refusedUpgradesAreFailuresWithTheirStatus() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    try (Socket socket = listener.accept()) {
                        readHead(socket.getInputStream());
                        socket.getOutputStream().write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
                return null;
            });
            LoadOptions options = new LoadOptions("127.0.0.1", listener.getLocalPort(), "/ws/ticker", 3,
                    List.of("S0"), Duration.ZERO, Duration.ofMillis(200), 1000, 10, Duration.ofSeconds(5), 1, 25_000);
            LoadReport report = LoadClient.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(report.upgraded()).isZero();
            assertThat(report.failed()).isEqualTo(3);
            assertThat(report.failures()).contains("HTTP 503 x3");
            assertThat(report.correct()).isFalse();
        }
    }

    private Void serve(ServerSocket listener, int connections) throws Exception {
        for (int i = 0; i < connections; i++) {
            Socket socket = listener.accept();
            server.submit(() -> script(socket));
        }
        return null;
    }

    private Void script(Socket socket) throws Exception {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(readHead(in));
            assertThat(key.find()).isTrue();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long now = System.currentTimeMillis();
            // a welcome, the subscribed answer setting S0's base at 0, then ticks in every framing
            out.write(FrameReaderTests.concat(
                    FrameReaderTests.text("{\"type\":\"welcome\",\"protocol\":1}"),
                    FrameReaderTests.text("{\"type\":\"subscribed\",\"id\":1,\"subscriptions\":[{\"symbol\":\"S0\",\"seq\":0,"
                            + "\"snapshot\":{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":0,\"ts\":" + now + "}}]}"),
                    FrameReaderTests.text(tick("S0", 1, now, 0)),
                    FrameReaderTests.text("{\"type\":\"batch\",\"items\":[" + tick("S0", 2, now, 0) + "," + tick("S1", 1, now, 0) + "]}"),
                    FrameReaderTests.frame(false, FrameReader.OP_TEXT, tick("S0", 3, now, 0).substring(0, 10).getBytes(), null),
                    FrameReaderTests.frame(true, FrameReader.OP_PING, "hb".getBytes(), null),
                    FrameReaderTests.frame(true, FrameReader.OP_CONTINUATION, tick("S0", 3, now, 0).substring(10).getBytes(), null)));
            out.flush();
            FrameReader reader = new FrameReader(1 << 20);
            FrameReaderTests.Recording frames = new FrameReaderTests.Recording() {
                @Override
                public void onPong(byte[] buf, int off, int len) {
                    events.add("pong:" + new String(buf, off, len, StandardCharsets.UTF_8));
                }
            };
            byte[] buf = new byte[4096];
            // the subscribe and the pong for "hb", within the socket's read timeout
            while (!frames.events.contains("pong:hb")) {
                int n = in.read(buf);
                if (n < 0) {
                    return null;
                }
                reader.feed(buf, 0, n, frames);
            }
            long later = System.currentTimeMillis();
            out.write(FrameReaderTests.concat(
                    FrameReaderTests.text(tick("S0", 4, later, 0)),
                    FrameReaderTests.text(tick("S0", 6, later, 0)),
                    FrameReaderTests.text(tick("S0", 6, later, 0)),
                    FrameReaderTests.text(tick("S0", 8, later, 1)),
                    FrameReaderTests.text(tick("S1", 5, later, 3))));
            out.flush();
            // until the client closes
            while (!reader.closed()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                reader.feed(buf, 0, n, frames);
            }
            frames.events.forEach(received::add);
            out.write(FrameReaderTests.frame(true, FrameReader.OP_CLOSE, new byte[] { 0x03, (byte) 0xE8 }, null));
            out.flush();
            in.read(buf);
        }
        catch (IOException e) {
            // the client may close first
        }
        return null;
    }

    private static String tick(String symbol, long seq, long ts, long skipped) {
        return "{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"seq\":" + seq + ",\"price\":1.5,\"ts\":" + ts
                + (skipped > 0 ? ",\"skipped\":" + skipped : "") + "}";
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the head");
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            if (Handshake.endOfHead(bytes, bytes.length) > 0) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
    }
}
