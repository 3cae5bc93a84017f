package io.tickwire.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread owning a share of the connections: opens them at a bounded pace, upgrades them, subscribes,
 * answers pings, and counts what arrives. Nothing on the path of a tick allocates or locks; counters are plain
 * fields read by the controlling thread only after {@link Thread#join}.
 */
final class IoLoop implements Runnable, FrameReader.Listener, MessageScanner.Sink {

    /** The phases the controlling thread moves every loop through. */
    static final class Control {

        volatile boolean measuring;

        volatile boolean stopping;
    }

    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** Frames waiting for a socket before the server is deemed not to read at all. */
    private static final int MAX_OUTBOX = 1024;

    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final LoadOptions options;

    private final InetSocketAddress target;

    private final List<InetAddress> localAddresses;

    private final int firstIndex;

    private final int count;

    private final double openPerSecond;

    private final int maxInFlight;

    private final Control control;

    private final Selector selector;

    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);

    private final MessageScanner scanner = new MessageScanner();

    private final SymbolTable symbols = new SymbolTable();

    private final Random random = new Random();

    private final String subscribe;

    private final List<Connection> connections = new ArrayList<>();

    /** Connections not yet upgraded, in the order opened, so the oldest is checked for its timeout first. */
    private final ArrayDeque<Connection> settling = new ArrayDeque<>();

    private int inFlight;

    private volatile int settled;

    private volatile long upgradedAtNanos;

    // what is being read, set once per read so the callbacks need no arguments for it
    private Connection current;

    private boolean measuring;

    private long nowMillis;

    final LatencyHistogram latency = new LatencyHistogram(60_000);

    long windowTicks;

    long windowFrames;

    long windowBytes;

    long malformed;

    long binaryFrames;

    long missingTimestamps;

    int upgradedCount;

    int failed;

    int dropped;

    final TreeMap<String, Integer> failures = new TreeMap<>();

    final TreeMap<String, Integer> drops = new TreeMap<>();

    IoLoop(LoadOptions options, InetSocketAddress target, List<InetAddress> localAddresses, int firstIndex, int count,
           double openPerSecond, int maxInFlight, Control control) throws IOException {
        this.options = options;
        this.target = target;
        this.localAddresses = localAddresses;
        this.firstIndex = firstIndex;
        this.count = count;
        this.openPerSecond = openPerSecond;
        this.maxInFlight = maxInFlight;
        this.control = control;
        this.selector = Selector.open();
        this.subscribe = subscribeMessage(options.symbols());
    }

    static String subscribeMessage(List<String> symbols) {
        if (symbols.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[");
        for (int i = 0; i < symbols.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(symbols.get(i)).append('"');
        }
        return json.append("]}").toString();
    }

    /** Connections upgraded or failed so far; all {@link #count()} once opening is over. */
    int settled() {
        return settled;
    }

    int count() {
        return count;
    }

    /** When the last connection of this loop was upgraded (System.nanoTime), or 0. */
    long upgradedAtNanos() {
        return upgradedAtNanos;
    }

    List<Connection> connections() {
        return connections;
    }

    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            openAndRead();
            closeAll();
        }
        catch (IOException | RuntimeException e) {
            failures.merge("I/O loop: " + describe(e), 1, Integer::sum);
        }
        finally {
            for (Connection c : connections) {
                closeChannel(c);
            }
            try {
                selector.close();
            }
            catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void openAndRead() throws IOException {
        long start = System.nanoTime();
        long timeoutNanos = options.connectTimeout().toNanos();
        int opened = 0;
        while (!control.stopping) {
            long now = System.nanoTime();
            if (opened < count) {
                long due = Math.min(count, (long) ((now - start) / 1e9 * openPerSecond) + 1);
                while (opened < due && inFlight < maxInFlight) {
                    open(firstIndex + opened, now);
                    opened++;
                }
            }
            while (!settling.isEmpty()) {
                Connection oldest = settling.peek();
                if (!oldest.settling()) {
                    settling.poll();
                }
                else if (now - oldest.startedNanos > timeoutNanos) {
                    settling.poll();
                    fail(oldest, "no upgrade within " + options.connectTimeout().toMillis() + " ms");
                }
                else {
                    break;
                }
            }
            selector.select(opened < count || !settling.isEmpty() ? 1 : 100);
            handleSelected();
        }
    }

    private void handleSelected() {
        Set<SelectionKey> selected = selector.selectedKeys();
        for (SelectionKey key : selected) {
            Connection c = (Connection) key.attachment();
            current = c;
            try {
                if (key.isValid() && key.isConnectable() && c.channel.finishConnect()) {
                    connected(c);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(c);
                }
                if (key.isValid() && key.isReadable()) {
                    read(c);
                }
            }
            catch (IOException | RuntimeException e) {
                broken(c, describe(e));
            }
        }
        selected.clear();
        current = null;
    }

    private void open(int index, long now) {
        Connection c = new Connection(new FrameReader(MAX_MESSAGE_BYTES), now);
        connections.add(c);
        settling.add(c);
        inFlight++;
        try {
            SocketChannel channel = SocketChannel.open();
            c.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!localAddresses.isEmpty()) {
                channel.bind(new InetSocketAddress(localAddresses.get(index % localAddresses.size()), 0));
            }
            c.selectionKey = channel.register(selector, SelectionKey.OP_CONNECT, c);
            if (channel.connect(target)) {
                connected(c);
            }
        }
        catch (IOException | RuntimeException e) {
            fail(c, describe(e));
        }
    }

    private void connected(Connection c) throws IOException {
        c.state = Connection.State.UPGRADING;
        c.selectionKey.interestOps(SelectionKey.OP_READ);
        c.handshakeKey = Handshake.newKey(random);
        write(c, ByteBuffer.wrap(Handshake.request(target.getAddress().getHostAddress(), target.getPort(),
                options.path(), c.handshakeKey)));
    }

    private void read(Connection c) throws IOException {
        for (int round = 0; round < 8; round++) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                broken(c, "closed without a close frame");
                return;
            }
            if (n == 0) {
                return;
            }
            measuring = control.measuring;
            nowMillis = System.currentTimeMillis();
            if (measuring) {
                windowBytes += n;
            }
            if (c.state == Connection.State.UPGRADING) {
                upgrade(c, readBuffer.array(), n);
            }
            else {
                c.reader.feed(readBuffer.array(), 0, n, this);
            }
            if (c.state == Connection.State.CLOSED || n < READ_BUFFER_BYTES) {
                return;
            }
        }
    }

    private void upgrade(Connection c, byte[] bytes, int n) throws IOException {
        if (c.head == null) {
            c.head = new byte[Math.max(512, n)];
        }
        if (c.head.length - c.headLength < n) {
            c.head = Arrays.copyOf(c.head, c.headLength + n);
        }
        System.arraycopy(bytes, 0, c.head, c.headLength, n);
        c.headLength += n;
        int end = Handshake.endOfHead(c.head, c.headLength);
        if (end < 0) {
            if (c.headLength > Handshake.MAX_HEAD_BYTES) {
                fail(c, "response head too long");
            }
            return;
        }
        int status = Handshake.status(c.head, end, c.handshakeKey);
        if (status != 101) {
            fail(c, status == 0 ? "bad upgrade response" : "HTTP " + status);
            return;
        }
        byte[] head = c.head;
        int length = c.headLength;
        c.head = null;
        c.handshakeKey = null;
        c.state = Connection.State.OPEN;
        c.upgraded = true;
        upgradedCount++;
        settle();
        if (subscribe != null) {
            write(c, ClientFrames.text(subscribe, random.nextInt()));
        }
        if (length > end) {
            c.reader.feed(head, end, length - end, this);
        }
    }

    private void settle() {
        inFlight--;
        settled++;
        if (settled == count) {
            upgradedAtNanos = System.nanoTime();
        }
    }

    private void write(Connection c, ByteBuffer frame) throws IOException {
        if (c.outbox == null) {
            c.channel.write(frame);
            if (!frame.hasRemaining()) {
                return;
            }
            c.outbox = new ArrayDeque<>();
        }
        if (c.outbox.size() >= MAX_OUTBOX) {
            throw new IOException("server takes no data");
        }
        c.outbox.add(frame);
        c.selectionKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void flush(Connection c) throws IOException {
        while (c.outbox != null && !c.outbox.isEmpty()) {
            ByteBuffer frame = c.outbox.peek();
            c.channel.write(frame);
            if (frame.hasRemaining()) {
                return;
            }
            c.outbox.poll();
        }
        c.outbox = null;
        c.selectionKey.interestOps(SelectionKey.OP_READ);
    }

    /** A connection that ended before its upgrade. */
    private void fail(Connection c, String reason) {
        if (c.state == Connection.State.CLOSED) {
            return;
        }
        closeChannel(c);
        failed++;
        failures.merge(reason, 1, Integer::sum);
        settle();
    }

    /** A connection that ended on an error or end of stream, whatever its phase. */
    private void broken(Connection c, String reason) {
        if (c.state == Connection.State.CLOSED) {
            return;
        }
        if (c.settling()) {
            fail(c, reason);
            return;
        }
        boolean expected = c.state == Connection.State.CLOSING;
        closeChannel(c);
        if (!expected) {
            dropped++;
            drops.merge(reason, 1, Integer::sum);
        }
    }

    private void closeChannel(Connection c) {
        c.state = Connection.State.CLOSED;
        c.outbox = null;
        if (c.channel != null) {
            try {
                c.channel.close();
            }
            catch (IOException ignored) {
                // closed all the same
            }
        }
    }

    /** Closes every open connection with 1000, waits a little for the servers' answers, then closes the rest. */
    private void closeAll() throws IOException {
        int closing = 0;
        for (Connection c : connections) {
            if (c.state == Connection.State.OPEN) {
                try {
                    c.state = Connection.State.CLOSING;
                    write(c, ClientFrames.close(1000, random.nextInt()));
                    closing++;
                }
                catch (IOException | RuntimeException e) {
                    closeChannel(c);
                }
            }
            else if (c.settling()) {
                fail(c, "not upgraded when the run ended");
            }
        }
        long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
        while (closing > 0 && System.nanoTime() < deadline) {
            selector.select(50);
            handleSelected();
            closing = 0;
            for (Connection c : connections) {
                if (c.state == Connection.State.CLOSING) {
                    closing++;
                }
            }
        }
    }

    // FrameReader.Listener

    @Override
    public void onText(byte[] buf, int off, int len) {
        if (measuring) {
            windowFrames++;
        }
        scanner.scan(buf, off, len, this);
    }

    @Override
    public void onBinary(int len) {
        binaryFrames++;
    }

    @Override
    public void onPing(byte[] buf, int off, int len) {
        Connection c = current;
        try {
            write(c, ClientFrames.pong(buf, off, len, random.nextInt()));
        }
        catch (IOException | RuntimeException e) {
            broken(c, describe(e));
        }
    }

    @Override
    public void onClose(int code) {
        Connection c = current;
        if (c.state == Connection.State.CLOSING) {
            closeChannel(c);
            return;
        }
        try {
            write(c, ClientFrames.close(code == FrameReader.NO_STATUS ? 1000 : code, random.nextInt()));
        }
        catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        broken(c, "server closed with " + code);
    }

    // MessageScanner.Sink

    @Override
    public void onTick(byte[] buf, int symbolStart, int symbolEnd, long seq, long ts, long skipped) {
        int symbol = symbols.idOf(buf, symbolStart, symbolEnd);
        if (symbol < 0) {
            malformed++;
            return;
        }
        current.tracker.tick(symbol, seq, skipped);
        if (measuring) {
            windowTicks++;
            if (ts == MessageScanner.MISSING) {
                missingTimestamps++;
            }
            else {
                latency.record(nowMillis - ts);
            }
        }
    }

    @Override
    public void onSubscribed(byte[] buf, int symbolStart, int symbolEnd, long seq) {
        int symbol = symbols.idOf(buf, symbolStart, symbolEnd);
        if (symbol >= 0) {
            current.tracker.subscribed(symbol, seq);
        }
    }

    @Override
    public void onMalformed() {
        malformed++;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
