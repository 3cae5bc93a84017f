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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client that unpacks batches and queues every server message in the order it came. */
final class TestClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final WebSocketSession session;

    private TestClient(URI uri, WebSocketHttpHeaders headers) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
        this.session = new StandardWebSocketClient(container).execute(new Collector(), headers, uri).get(10, TimeUnit.SECONDS);
    }

    static TestClient connect(int port) throws Exception {
        return connect(port, "/ws/ticker", new WebSocketHttpHeaders());
    }

    static TestClient connect(int port, String path, WebSocketHttpHeaders headers) throws Exception {
        if (headers.getSecWebSocketProtocol().isEmpty()) {
            headers.setSecWebSocketProtocol("tickwire.v1.json");
        }
        return new TestClient(URI.create("ws://127.0.0.1:" + port + path), headers);
    }

    WebSocketSession session() {
        return session;
    }

    void send(String text) throws Exception {
        synchronized (session) {
            session.sendMessage(new TextMessage(text));
        }
    }

    /** The next message, whatever it is. */
    JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT + (closed.isDone() ? "; closed with " + closed.getNow(null) : ""));
        }
        return message;
    }

    /** Skips messages until one of the type arrives. */
    JsonNode next(String type) throws InterruptedException {
        return next(message -> type.equals(message.path("type").stringValue()));
    }

    JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
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
    List<JsonNode> ticks(String symbol, int count) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        while (ticks.size() < count) {
            ticks.add(next(m -> "tick".equals(m.path("type").stringValue()) && symbol.equals(m.path("symbol").stringValue())));
        }
        return ticks;
    }

    /** The next {@code count} ticks, of whatever symbol. */
    List<JsonNode> anyTicks(int count) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        while (ticks.size() < count) {
            ticks.add(next("tick"));
        }
        return ticks;
    }

    /** Everything received so far and not yet taken. */
    List<JsonNode> drain() {
        List<JsonNode> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    CloseStatus awaitClose() throws Exception {
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
            JsonNode frame = JSON.readTree(message.getPayload());
            if ("batch".equals(frame.path("type").stringValue())) {
                frame.path("items").forEach(messages::add);
            } else {
                messages.add(frame);
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
