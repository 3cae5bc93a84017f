package io.tickwire.session;

import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One connection: its subscriptions, its outbox and its single writer. Anything may offer it messages from
 * any thread; only its writer touches the socket.
 */
public final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final WebSocketSession socket;
    private final Outbox outbox;
    private final SessionWriter writer;
    private final Map<String, SymbolSubscription> subscriptions = new HashMap<>();
    private volatile long lastActivityMillis;

    ClientSession(WebSocketSession socket, FrameSender sender, SessionSettings settings, long nowMillis) {
        this.socket = socket;
        this.outbox = new Outbox(settings.conflateAbove());
        this.writer = new SessionWriter(outbox, sender, settings.writers(), settings.maxFrameChars(), this::writeFailed);
        this.lastActivityMillis = nowMillis;
    }

    public String id() {
        return socket.getId();
    }

    public WebSocketSession socket() {
        return socket;
    }

    /** Queues a message that is not a tick (a reply, an error, a heartbeat); these are never conflated. */
    public void send(String json) {
        outbox.offerMessage(json);
        writer.wake();
    }

    void offerTick(Tick tick, String json) {
        synchronized (this) {
            SymbolSubscription subscription = subscriptions.get(tick.symbol());
            if (subscription == null) {
                return;
            }
            if (subscription.isPending()) {
                subscription.hold(tick, json);
                return;
            }
            if (!subscription.advance(tick)) {
                return;
            }
            outbox.offerTick(tick, json);
        }
        writer.wake();
    }

    synchronized void startSubscription(String symbol, Double maxRate) {
        subscriptions.put(symbol, new SymbolSubscription(maxRate));
    }

    synchronized boolean endSubscription(String symbol) {
        return subscriptions.remove(symbol) != null;
    }

    /**
     * Queues the answer to a subscribe, then releases the live ticks held back meanwhile that come after it.
     */
    public void answerSubscribe(String answer, List<Resumption> resumptions) {
        synchronized (this) {
            outbox.offerMessage(answer);
            for (Resumption resumption : resumptions) {
                SymbolSubscription subscription = subscriptions.get(resumption.symbol());
                if (subscription == null || !subscription.isPending()) {
                    continue;
                }
                for (SymbolSubscription.HeldTick held : subscription.activate(resumption.seq())) {
                    if (subscription.advance(held.tick())) {
                        outbox.offerTick(held.tick(), held.json());
                    }
                }
            }
        }
        writer.wake();
    }

    /** Queues a heartbeat built from the latest seq this client has been given of each symbol. */
    public void sendHeartbeat(Function<Map<String, Long>, String> encode) {
        synchronized (this) {
            Map<String, Long> seqs = new LinkedHashMap<>();
            subscriptions.forEach((symbol, subscription) -> {
                if (!subscription.isPending()) {
                    seqs.put(symbol, subscription.lastSeq());
                }
            });
            outbox.offerMessage(encode.apply(seqs));
        }
        writer.wake();
    }

    public synchronized Set<String> symbols() {
        return Set.copyOf(subscriptions.keySet());
    }

    public synchronized boolean isSubscribed(String symbol) {
        return subscriptions.containsKey(symbol);
    }

    public synchronized int subscriptionCount() {
        return subscriptions.size();
    }

    public void touch(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    /** Messages waiting to be written. */
    public int backlog() {
        return outbox.size();
    }

    public void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing session {} failed", id(), e);
        }
    }

    private void writeFailed(Throwable failure) {
        log.debug("Writing to session {} failed; closing it", id(), failure);
        close(CloseStatus.SERVER_ERROR);
    }
}
