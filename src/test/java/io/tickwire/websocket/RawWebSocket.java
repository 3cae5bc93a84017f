package io.tickwire.websocket;

import tools.jackson.databind.JsonNode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately impolite WebSocket client over a bare {@link Socket}: every frame is built by hand, so a test
 * can send what no real client library would (binary, bad UTF-8, RSV bits, frames announced and never
 * finished, floods of pings or continuations) and can stop reading altogether: it reads only when a test
 * calls a read method, and nothing answers pings for it. A read that times out may leave the stream
 * mid-frame, so after a timeout only {@link #close()} is meaningful.
 */
final class RawWebSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    /** What {@link #awaitClose()} answers when the TCP connection ended without a close frame. */
    static final int NO_CLOSE_FRAME = -1;
    /** The close code of a close frame without a payload (RFC 6455 section 7.1.5). */
    static final int NO_STATUS = 1005;

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Handshake handshake;
    private final Deque<JsonNode> pending = new ArrayDeque<>();

    private RawWebSocket(Socket socket, Handshake handshake, DataInputStream in) throws IOException {
        this.socket = socket;
        this.handshake = handshake;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    static Options to(int port) {
        return new Options(port);
    }

    /** The status the server answers a handshake at {@code path} with, from {@code origin} ({@code null}: none). */
    static int handshakeStatus(int port, String path, String origin) throws IOException {
        try (RawWebSocket socket = to(port).path(path).origin(origin).connect()) {
            return socket.handshake().status();
        }
    }

    /** Connects with the defaults: our subprotocol, no Origin, no extensions. */
    static RawWebSocket connect(int port) throws IOException {
        return to(port).subprotocol(TickerWebSocketHandler.SUBPROTOCOL).connect();
    }

    /** The server's answer to the upgrade request; anything but 101 leaves no WebSocket to talk to. */
    Handshake handshake() {
        return handshake;
    }

    Socket socket() {
        return socket;
    }

    // ---- sending -------------------------------------------------------------------------------------------

    /** Sends one masked frame exactly as described; {@code rsv} holds RSV1..3 as bits 0b100, 0b010, 0b001. */
    void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        sendRaw(frame(fin, rsv, opcode, payload));
    }

    /** Announces a frame of {@code announcedLength} bytes but writes only {@code written} of them. */
    void sendUnfinishedFrame(int opcode, long announcedLength, byte[] written) throws IOException {
        byte[] mask = mask();
        sendRaw(concat(header(true, 0, opcode, announcedLength, mask), masked(written, mask)));
    }

    /** Writes bytes as they are, for example many frames built with {@link #frame} in one go. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] payload) throws IOException {
        sendFrame(true, 0, BINARY, payload);
    }

    void sendPing(byte[] payload) throws IOException {
        sendFrame(true, 0, PING, payload);
    }

    void sendPong(byte[] payload) throws IOException {
        sendFrame(true, 0, PONG, payload);
    }

    void sendClose(int code) throws IOException {
        sendFrame(true, 0, CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** One complete masked client frame. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        byte[] mask = mask();
        return concat(header(fin, rsv, opcode, payload.length, mask), masked(payload, mask));
    }

    private static byte[] header(boolean fin, int rsv, int opcode, long length, byte[] mask) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(14);
        header.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
        if (length < 126) {
            header.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(0x80 | 126);
            header.write((int) (length >> 8));
            header.write((int) length);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >> shift));
            }
        }
        header.write(mask, 0, mask.length);
        return header.toByteArray();
    }

    private static byte[] mask() {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        return mask;
    }

    private static byte[] masked(byte[] payload, byte[] mask) {
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return masked;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    // ---- receiving -----------------------------------------------------------------------------------------

    /** The next frame from the server, control frames included; server frames are never masked. */
    Frame nextFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("server sent a masked frame or one of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0xF, payload);
    }

    /** The text of the next text message (continuations joined), skipping pings and pongs. */
    String nextText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame frame = nextFrame(WAIT);
            if (frame.opcode() == CLOSE) {
                throw new AssertionError("closed by the server with " + frame.closeCode() + " while a text was expected");
            }
            if (frame.opcode() == TEXT || frame.opcode() == CONTINUATION) {
                message.write(frame.payload(), 0, frame.payload().length);
                if (frame.fin()) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    /** The next server message, with {@code batch} frames flattened into the messages they carry. */
    JsonNode next() throws IOException {
        while (pending.isEmpty()) {
            JsonNode frame = TestClient.JSON.readTree(nextText());
            if ("batch".equals(frame.path("type").stringValue())) {
                frame.path("items").forEach(pending::add);
            } else {
                pending.add(frame);
            }
        }
        return pending.poll();
    }

    /** Skips messages until one of the type arrives. */
    JsonNode next(String type) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = next();
            if (type.equals(message.path("type").stringValue())) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " within " + WAIT);
    }

    int awaitClose() throws IOException {
        return awaitClose(WAIT);
    }

    /**
     * Reads and drops whatever comes until the server's close frame and answers its code, or
     * {@link #NO_CLOSE_FRAME} when the connection ended without one.
     */
    int awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("connection still open after " + timeout);
                }
                Frame frame = nextFrame(Duration.ofNanos(left));
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + timeout, e);
        } catch (EOFException | SocketException e) {
            return NO_CLOSE_FRAME;
        }
    }

    /** Drops the connection without a close frame. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One frame as the server sent it. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? NO_STATUS : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }

        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** The status line and headers the server answered the upgrade with. */
    record Handshake(int status, List<String> headers) {

        /** The value of the first header of that name, or {@code null}. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    /** How to open the connection; every option is off unless set. */
    static final class Options {

        private final int port;
        private String host = "127.0.0.1";
        private String sourceAddress;
        private SSLContext tls;
        private String path = "/ws/ticker";
        private String origin;
        private String subprotocol;
        private String extensions;
        private int receiveBufferSize;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Options(int port) {
            this.port = port;
        }

        /** Where to connect, and what the {@code Host} header names. */
        Options host(String host) {
            this.host = host;
            return this;
        }

        /** The local address to connect from, such as {@code 127.0.0.2}, to look like another client. */
        Options from(String sourceAddress) {
            this.sourceAddress = sourceAddress;
            return this;
        }

        /** Speaks TLS with this context, checking that the certificate names the host. */
        Options tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        Options path(String path) {
            this.path = path;
            return this;
        }

        Options origin(String origin) {
            this.origin = origin;
            return this;
        }

        Options subprotocol(String subprotocol) {
            this.subprotocol = subprotocol;
            return this;
        }

        /** The {@code Sec-WebSocket-Extensions} offer, such as {@code permessage-deflate}. */
        Options extensions(String extensions) {
            this.extensions = extensions;
            return this;
        }

        /** The {@code X-Forwarded-For} header, as a reverse proxy in front would send it. */
        Options forwardedFor(String address) {
            return header("X-Forwarded-For", address);
        }

        /** Any other header of the upgrade request, such as {@code Authorization}, {@code Cookie} or {@code Accept}. */
        Options header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A small buffer makes a client that stops reading push back on the server after a few KiB. */
        Options receiveBufferSize(int bytes) {
            this.receiveBufferSize = bytes;
            return this;
        }

        RawWebSocket connect() throws IOException {
            Socket socket = new Socket();
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize); // before connect, or the TCP window is already agreed
            }
            if (sourceAddress != null) {
                socket.bind(new InetSocketAddress(sourceAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            if (tls != null) {
                socket = overTls(socket);
            }
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n");
            appendHeader(request, "Origin", origin);
            appendHeader(request, "Sec-WebSocket-Protocol", subprotocol);
            appendHeader(request, "Sec-WebSocket-Extensions", extensions);
            headers.forEach((name, value) -> appendHeader(request, name, value));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            List<String> head = new ArrayList<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                head.add(line);
            }
            int status = Integer.parseInt(head.get(0).split(" ")[1]);
            return new RawWebSocket(socket, new Handshake(status, head.subList(1, head.size())), in);
        }

        private Socket overTls(Socket plain) throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.startHandshake();
            return secure;
        }

        private static void appendHeader(StringBuilder request, String name, String value) {
            if (value != null) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        }

        /** One line of the head, read from the stream the frames come from, so that no frame bytes are lost. */
        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection ended during the handshake");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
