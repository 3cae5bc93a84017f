package io.tickwire.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the benchmark needs from a server message in one pass over its bytes, building nothing:
 * {@code symbol}, {@code seq}, {@code ts} and {@code skipped} of each {@code tick} (also each tick inside a
 * {@code batch}), and the {@code symbol} and {@code seq} of each entry of a {@code subscribed}. Values of other
 * fields, nested objects included, are skipped with string and bracket awareness, so a tick's fields are never
 * confused with those of a nested snapshot. Other message types are ignored. Ticks are reported as they are read,
 * so in a message that turns out malformed the ticks before the break still count. Not thread-safe: one per I/O
 * thread.
 */
final class MessageScanner {

    /** A field the message did not carry. */
    static final long MISSING = Long.MIN_VALUE;

    /** What the scanner finds. Symbol bytes are {@code buf[symbolStart, symbolEnd)}, valid during the call. */
    interface Sink {

        /** @param ts publish time in epoch milliseconds, or {@link #MISSING}; @param skipped 0 when absent */
        void onTick(byte[] buf, int symbolStart, int symbolEnd, long seq, long ts, long skipped);

        void onSubscribed(byte[] buf, int symbolStart, int symbolEnd, long seq);

        /** The message is not the JSON the protocol promises, or a tick lacks {@code symbol} or {@code seq}. */
        void onMalformed();
    }

    private static final byte[] TYPE = bytes("type");
    private static final byte[] SYMBOL = bytes("symbol");
    private static final byte[] SEQ = bytes("seq");
    private static final byte[] TS = bytes("ts");
    private static final byte[] SKIPPED = bytes("skipped");
    private static final byte[] ITEMS = bytes("items");
    private static final byte[] SUBSCRIPTIONS = bytes("subscriptions");
    private static final byte[] TICK = bytes("tick");
    private static final byte[] BATCH = bytes("batch");
    private static final byte[] SUBSCRIBED = bytes("subscribed");

    /** A batch may hold batches; past this depth the message is called malformed rather than followed. */
    private static final int MAX_BATCH_NESTING = 4;

    /** Thrown without a stack trace, so a malformed message costs no allocation. */
    private static final RuntimeException MALFORMED = new RuntimeException("malformed", null, false, false) {
    };

    private byte[] b;

    private int end;

    private Sink sink;

    void scan(byte[] buf, int off, int len, Sink sink) {
        this.b = buf;
        this.end = off + len;
        this.sink = sink;
        try {
            int pos = message(whitespace(off), 0);
            if (whitespace(pos) != end) {
                throw MALFORMED;
            }
        }
        catch (RuntimeException e) {
            if (e != MALFORMED && !(e instanceof ArrayIndexOutOfBoundsException)) {
                throw e;
            }
            sink.onMalformed();
        }
        finally {
            this.b = null;
            this.sink = null;
        }
    }

    /** Reads the message object at {@code pos}; returns the index after it. */
    private int message(int pos, int nesting) {
        expect(pos, '{');
        int typeStart = -1;
        int typeEnd = -1;
        int symbolStart = -1;
        int symbolEnd = -1;
        long seq = MISSING;
        long ts = MISSING;
        long skipped = 0;
        int itemsAt = -1;
        int subscriptionsAt = -1;
        int p = whitespace(pos + 1);
        if (at(p) == '}') {
            return p + 1;
        }
        while (true) {
            expect(p, '"');
            int keyStart = p + 1;
            int keyEnd = stringEnd(p);
            p = whitespace(keyEnd + 1);
            expect(p, ':');
            p = whitespace(p + 1);
            byte first = at(p);
            if (is(keyStart, keyEnd, TYPE) && first == '"') {
                typeStart = p + 1;
                typeEnd = stringEnd(p);
                p = typeEnd + 1;
            }
            else if (is(keyStart, keyEnd, SYMBOL) && first == '"') {
                symbolStart = p + 1;
                symbolEnd = stringEnd(p);
                p = symbolEnd + 1;
            }
            else if (is(keyStart, keyEnd, SEQ) && isNumberStart(first)) {
                seq = number(p);
                p = numberEnd(p);
            }
            else if (is(keyStart, keyEnd, TS) && isNumberStart(first)) {
                ts = number(p);
                p = numberEnd(p);
            }
            else if (is(keyStart, keyEnd, SKIPPED) && isNumberStart(first)) {
                skipped = number(p);
                p = numberEnd(p);
            }
            else if (is(keyStart, keyEnd, ITEMS) && first == '[') {
                if (is(typeStart, typeEnd, BATCH)) {
                    p = items(p, nesting);
                }
                else {
                    itemsAt = p;
                    p = skip(p);
                }
            }
            else if (is(keyStart, keyEnd, SUBSCRIPTIONS) && first == '[') {
                if (is(typeStart, typeEnd, SUBSCRIBED)) {
                    p = subscriptions(p);
                }
                else {
                    subscriptionsAt = p;
                    p = skip(p);
                }
            }
            else {
                p = skip(p);
            }
            p = next(p, '}');
            if (p < 0) {
                p = ~p;
                break;
            }
        }
        if (is(typeStart, typeEnd, TICK)) {
            if (symbolStart < 0 || seq == MISSING) {
                throw MALFORMED;
            }
            sink.onTick(b, symbolStart, symbolEnd, seq, ts, skipped);
        }
        else if (itemsAt >= 0 && is(typeStart, typeEnd, BATCH)) {
            items(itemsAt, nesting);
        }
        else if (subscriptionsAt >= 0 && is(typeStart, typeEnd, SUBSCRIBED)) {
            subscriptions(subscriptionsAt);
        }
        return p;
    }

    private int items(int pos, int nesting) {
        if (nesting >= MAX_BATCH_NESTING) {
            throw MALFORMED;
        }
        expect(pos, '[');
        int p = whitespace(pos + 1);
        if (at(p) == ']') {
            return p + 1;
        }
        while (true) {
            p = at(p) == '{' ? message(p, nesting + 1) : skip(p);
            p = next(p, ']');
            if (p < 0) {
                return ~p;
            }
        }
    }

    private int subscriptions(int pos) {
        expect(pos, '[');
        int p = whitespace(pos + 1);
        if (at(p) == ']') {
            return p + 1;
        }
        while (true) {
            p = at(p) == '{' ? subscription(p) : skip(p);
            p = next(p, ']');
            if (p < 0) {
                return ~p;
            }
        }
    }

    /** One entry of {@code subscriptions}: its own symbol and seq, not those of its snapshot or replay. */
    private int subscription(int pos) {
        int symbolStart = -1;
        int symbolEnd = -1;
        long seq = MISSING;
        int p = whitespace(pos + 1);
        if (at(p) == '}') {
            return p + 1;
        }
        while (true) {
            expect(p, '"');
            int keyStart = p + 1;
            int keyEnd = stringEnd(p);
            p = whitespace(keyEnd + 1);
            expect(p, ':');
            p = whitespace(p + 1);
            byte first = at(p);
            if (is(keyStart, keyEnd, SYMBOL) && first == '"') {
                symbolStart = p + 1;
                symbolEnd = stringEnd(p);
                p = symbolEnd + 1;
            }
            else if (is(keyStart, keyEnd, SEQ) && isNumberStart(first)) {
                seq = number(p);
                p = numberEnd(p);
            }
            else {
                p = skip(p);
            }
            p = next(p, '}');
            if (p < 0) {
                p = ~p;
                break;
            }
        }
        if (symbolStart >= 0 && seq != MISSING) {
            sink.onSubscribed(b, symbolStart, symbolEnd, seq);
        }
        return p;
    }

    /**
     * After a member or element: past a {@code ','} returns where the next one starts; past the {@code close} that
     * ends the object or array returns {@code ~index} after it (negative); anything else is malformed.
     */
    private int next(int pos, char close) {
        int p = whitespace(pos);
        byte c = at(p);
        if (c == ',') {
            return whitespace(p + 1);
        }
        if (c == close) {
            return ~(p + 1);
        }
        throw MALFORMED;
    }

    /** Skips any JSON value at {@code pos}; returns the index after it. */
    private int skip(int pos) {
        byte first = at(pos);
        if (first == '"') {
            return stringEnd(pos) + 1;
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            int p = pos;
            while (true) {
                byte c = at(p);
                if (c == '"') {
                    p = stringEnd(p) + 1;
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                }
                else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return p + 1;
                    }
                }
                p++;
            }
        }
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
            p++;
        }
        if (p == pos) {
            throw MALFORMED;
        }
        return p;
    }

    /** @return the index of the quote that closes the string opening at {@code pos} */
    private int stringEnd(int pos) {
        int p = pos + 1;
        while (true) {
            byte c = at(p);
            if (c == '\\') {
                p += 2;
            }
            else if (c == '"') {
                return p;
            }
            else {
                p++;
            }
        }
    }

    /** The integer part of the number at {@code pos}. */
    private long number(int pos) {
        int p = pos;
        boolean negative = at(p) == '-';
        if (negative) {
            p++;
        }
        long value = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            if (++digits > 18) {
                throw MALFORMED;
            }
            value = value * 10 + (b[p] - '0');
            p++;
        }
        if (digits == 0) {
            throw MALFORMED;
        }
        return negative ? -value : value;
    }

    private int numberEnd(int pos) {
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                p++;
            }
            else {
                break;
            }
        }
        return p;
    }

    private static boolean isNumberStart(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    private boolean is(int start, int stop, byte[] expected) {
        if (start < 0 || stop - start != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private int whitespace(int pos) {
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    private byte at(int pos) {
        if (pos >= end) {
            throw MALFORMED;
        }
        return b[pos];
    }

    private void expect(int pos, char c) {
        if (at(pos) != c) {
            throw MALFORMED;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
