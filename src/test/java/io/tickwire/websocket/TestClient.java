package io.tickwire.websocket;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client that unpacks batches and queues every server message in the order it came. */
public final class TestClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Map<String, Long> lastSeqBySymbol = new ConcurrentHashMap<>();
    private final List<String> sequenceViolations = new CopyOnWriteArrayList<>();
    private final List<Long> tickDelaysMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ticksReceived = new AtomicLong();
    private final Set<String> tickSymbols = ConcurrentHashMap.newKeySet();
    private volatile boolean queueTicks = true;
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final WebSocketSession session;

    private TestClient(URI uri, WebSocketHttpHeaders headers, SSLContext tls) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
        StandardWebSocketClient client = new StandardWebSocketClient(container);
        if (tls != null) {
            client.setSslContext(tls);
        }
        this.session = client.execute(new Collector(), headers, uri).get(10, TimeUnit.SECONDS);
    }

    public static TestClient connect(int port) throws Exception {
        return connect(port, "/ws/ticker", new WebSocketHttpHeaders());
    }

    static TestClient connect(int port, String path, WebSocketHttpHeaders headers) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + path), withSubprotocol(headers), null);
    }

    /** Connects over TLS to {@code wss://host:port/ws/ticker}, trusting the certificates {@code tls} trusts. */
    static TestClient connectSecurely(String host, int port, WebSocketHttpHeaders headers, SSLContext tls) throws Exception {
        return new TestClient(URI.create("wss://" + host + ":" + port + "/ws/ticker"), withSubprotocol(headers), tls);
    }

    private static WebSocketHttpHeaders withSubprotocol(WebSocketHttpHeaders headers) {
        if (headers.getSecWebSocketProtocol().isEmpty()) {
            headers.setSecWebSocketProtocol("tickwire.v1.json");
        }
        return headers;
    }

    WebSocketSession session() {
        return session;
    }

    public void send(String text) throws Exception {
        synchronized (session) {
            session.sendMessage(new TextMessage(text));
        }
    }

    /** The next message, whatever it is. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT + (closed.isDone() ? "; closed with " + closed.getNow(null) : ""));
        }
        return message;
    }

    /** Skips messages until one of the type arrives. */
    public JsonNode next(String type) throws InterruptedException {
        return next(message -> type.equals(message.path("type").stringValue()));
    }

    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no wanted message within " + WAIT);
    }

    /** The next {@code count} ticks of one symbol, skipping everything else. */
    public List<JsonNode> ticks(String symbol, int count) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        while (ticks.size() < count) {
            ticks.add(next(m -> "tick".equals(m.path("type").stringValue()) && symbol.equals(m.path("symbol").stringValue())));
        }
        return ticks;
    }

    /** The next {@code count} ticks, of whatever symbol. */
    public List<JsonNode> anyTicks(int count) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        while (ticks.size() < count) {
            ticks.add(next("tick"));
        }
        return ticks;
    }

    /**
     * From now on ticks are only checked and counted, not queued: for tests that keep many clients busy and
     * look at the totals.
     */
    void stopQueueingTicks() {
        queueTicks = false;
    }

    /** Ticks whose seq did not follow the last one seen of their symbol by exactly one, without {@code skipped}. */
    public List<String> sequenceViolations() {
        return List.copyOf(sequenceViolations);
    }

    /** Every symbol a tick has arrived for, whether or not the tick was taken. */
    public Set<String> tickSymbols() {
        return Set.copyOf(tickSymbols);
    }

    public long ticksReceived() {
        return ticksReceived.get();
    }

    /** Publish-to-receipt delay of every tick since the last call, in milliseconds. */
    List<Long> takeTickDelays() {
        synchronized (tickDelaysMillis) {
            List<Long> delays = List.copyOf(tickDelaysMillis);
            tickDelaysMillis.clear();
            return delays;
        }
    }

    /** Everything received so far and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    public CloseStatus awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized List<Throwable> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }

    private final class Collector extends TextWebSocketHandler {

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            long receivedAt = System.currentTimeMillis();
            JsonNode frame = JSON.readTree(message.getPayload());
            if ("batch".equals(frame.path("type").stringValue())) {
                frame.path("items").forEach(item -> receive(item, receivedAt));
            } else {
                receive(frame, receivedAt);
            }
        }

        private void receive(JsonNode message, long receivedAt) {
            String type = message.path("type").stringValue();
            if ("subscribed".equals(type)) {
                message.path("subscriptions").forEach(entry -> lastSeqBySymbol.put(entry.path("symbol").stringValue(), entry.path("seq").longValue()));
            } else if ("tick".equals(type)) {
                check(message);
                ticksReceived.incrementAndGet();
                tickSymbols.add(message.path("symbol").stringValue());
                tickDelaysMillis.add(receivedAt - message.path("ts").longValue());
                if (!queueTicks) {
                    return;
                }
            }
            messages.add(message);
        }

        private void check(JsonNode tick) {
            String symbol = tick.path("symbol").stringValue();
            long seq = tick.path("seq").longValue();
            Long last = lastSeqBySymbol.put(symbol, seq);
            if (last != null && seq != last + 1 + tick.path("skipped").asLong(0)) {
                sequenceViolations.add(symbol + " " + last + " -> " + seq);
            }
        }

        @Override
        public void handleTransportError(WebSocketSession session, Throwable exception) {
            synchronized (TestClient.this) {
                errors.add(exception);
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            closed.complete(status);
        }
    }
}
