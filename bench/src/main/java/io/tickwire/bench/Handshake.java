package io.tickwire.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/** The client's half of the HTTP upgrade, written by hand: the request, and the check of the server's answer. */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Longest response head accepted; a server that sends more is not one we measure. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private Handshake() {
    }

    static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    static byte[] request(String host, int port, String path, String key) {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the index just past the blank line that ends the head in {@code b[0, len)}, or -1 */
    static int endOfHead(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * @return 101 when the server accepted the upgrade for {@code key}; otherwise the HTTP status it answered,
     *         or 0 when the head is not HTTP or a 101 carries the wrong {@code Sec-WebSocket-Accept}
     */
    static int status(byte[] head, int len, String key) {
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            return 0;
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        }
        catch (NumberFormatException e) {
            return 0;
        }
        if (status != 101) {
            return status;
        }
        String expected = acceptFor(key);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                return lines[i].substring(colon + 1).trim().equals(expected) ? 101 : 0;
            }
        }
        return 0;
    }
}
