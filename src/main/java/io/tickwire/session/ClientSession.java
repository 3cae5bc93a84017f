package io.tickwire.session;

import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Clock;
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
    private final FrameSender sender;
    private final Outbox outbox;
    private final SessionWriter writer;
    private final SessionSettings settings;
    private final Clock clock;
    private final RequestBudget budget;
    private final Map<String, SymbolSubscription> subscriptions = new HashMap<>();
    private volatile long lastActivityMillis;
    private boolean closing;

    ClientSession(WebSocketSession socket, FrameSender sender, SessionSettings settings, Clock clock) {
        this.socket = socket;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.outbox = new Outbox(settings.conflateAbove());
        this.writer = new SessionWriter(outbox, sender, settings, clock, this::writeFailed, this::closeNow);
        this.budget = new RequestBudget(settings.messagesPerSecond(), settings.messageBurst(), clock);
        this.lastActivityMillis = clock.millis();
    }

    public String id() {
        return socket.getId();
    }

    public WebSocketSession socket() {
        return socket;
    }

    /** Queues a message that is not a tick (a reply, an error, a heartbeat); these are never conflated. */
    public void send(String json) {
        synchronized (this) {
            if (closing) {
                return;
            }
            outbox.offerMessage(json);
        }
        writer.wake();
    }

    /** Queues a last message; once it and everything before it is written, the connection closes. */
    public void sendThenClose(String json, CloseStatus status) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            outbox.offerMessage(json);
        }
        writer.closeWhenDrained(status);
    }

    void offerTick(SymbolSubscription subscription, Tick tick, String json) {
        synchronized (this) {
            if (subscription.isEnded() || closing) {
                return;
            }
            if (subscription.isPending()) {
                subscription.hold(tick, json);
                return;
            }
            deliver(subscription, tick, json);
        }
        writer.wake();
    }

    /** Starts a subscription, pending until answered, ending the symbol's current one; the caller re-indexes. */
    synchronized SymbolSubscription startSubscription(String symbol, Double maxRate) {
        SymbolSubscription started = new SymbolSubscription(this, symbol, maxRate);
        SymbolSubscription replaced = subscriptions.put(symbol, started);
        if (replaced != null) {
            replaced.end();
        }
        return started;
    }

    /** @return the subscription ended, or {@code null} if there was none */
    synchronized SymbolSubscription endSubscription(String symbol) {
        SymbolSubscription ended = subscriptions.remove(symbol);
        if (ended != null) {
            ended.end();
        }
        return ended;
    }

    synchronized List<SymbolSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /**
     * Queues the answer to a subscribe, then releases the live ticks held back meanwhile that come after it.
     */
    public void answerSubscribe(String answer, List<Resumption> resumptions) {
        synchronized (this) {
            if (closing) {
                return;
            }
            outbox.offerMessage(answer);
            for (Resumption resumption : resumptions) {
                SymbolSubscription subscription = subscriptions.get(resumption.symbol());
                if (subscription == null || !subscription.isPending()) {
                    continue;
                }
                for (SymbolSubscription.HeldTick held : subscription.activate(resumption.seq())) {
                    deliver(subscription, held.tick(), held.json());
                }
            }
        }
        writer.wake();
    }

    /** Queues a heartbeat built from the latest seq this client has been given of each symbol, and a ping. */
    public void sendHeartbeat(Function<Map<String, Long>, String> encode) {
        synchronized (this) {
            if (closing) {
                return;
            }
            Map<String, Long> seqs = new LinkedHashMap<>();
            subscriptions.forEach((symbol, subscription) -> {
                if (!subscription.isPending()) {
                    seqs.put(symbol, subscription.queuedSeq());
                }
            });
            outbox.offerMessage(encode.apply(seqs));
        }
        writer.requestPing();
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

    /** Records that the client said something (a message or a pong), so it is alive. */
    public void touch() {
        lastActivityMillis = clock.millis();
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    /** When the frame now being written was handed over, or 0 if the writer is idle. */
    public long writingSinceMillis() {
        return writer.inFlightSinceMillis();
    }

    public RequestBudget budget() {
        return budget;
    }

    /** Messages waiting to be written. */
    public int backlog() {
        return outbox.size();
    }

    /** Ticks of this client replaced by newer ones because it fell behind. */
    public long conflated() {
        return outbox.conflated();
    }

    /**
     * Closes once what is queued has been written, so that the client learns why; with {@code dropQueued}, once
     * only the frame already handed to the container is (for a client that is not reading). A client that does
     * not read on is closed anyway after {@code graceMillis}.
     */
    public void closeAfterWriting(CloseStatus status, boolean dropQueued, long graceMillis) {
        synchronized (this) {
            closing = true;
            if (dropQueued) {
                outbox.clear();
            }
        }
        writer.closeWhenDrained(status);
        settings.pacer().schedule(() -> {
            if (socket.isOpen()) {
                close(status);
            }
        }, graceMillis);
    }

    /**
     * Closes at once, without writing what waits, on a thread that may block; a client that does not read is
     * not waited for long.
     */
    public void close(CloseStatus status) {
        synchronized (this) {
            closing = true;
        }
        writer.stop();
        sender.hurry();
        settings.blockingWork().execute(() -> closeNow(status));
    }

    private void deliver(SymbolSubscription subscription, Tick tick, String json) {
        if (!subscription.isNew(tick)) {
            return;
        }
        if (!subscription.isPaced()) {
            queue(subscription, tick, json, 0, tick.ts());
            return;
        }
        long now = clock.millis();
        SymbolSubscription.HeldTick due = subscription.pace(tick, json, now);
        if (due != null) {
            queue(subscription, due.tick(), due.json(), due.skipped(), tick.ts());
        } else if (subscription.needsFlush()) {
            settings.pacer().schedule(() -> flushPaced(subscription), subscription.flushDelay(now));
        }
    }

    private void flushPaced(SymbolSubscription subscription) {
        synchronized (this) {
            if (closing || subscription.isEnded()) {
                return;
            }
            long now = clock.millis();
            SymbolSubscription.HeldTick due = subscription.flush(now);
            if (due == null) {
                return;
            }
            // held back at the client's own request: its delay is counted from when its turn came
            queue(subscription, due.tick(), due.json(), due.skipped(), now);
        }
        writer.wake();
    }

    /** @param dueAt when the tick was due to this client (see {@link Outbox#offerTick(Tick, String, long, long)}) */
    private void queue(SymbolSubscription subscription, Tick tick, String json, long skipped, long dueAt) {
        if (skipped > 0) {
            settings.meters().skippedForMaxRate(skipped);
        }
        if (outbox.offerTick(tick, json, skipped, dueAt)) {
            settings.meters().conflatedForBacklog();
        }
        subscription.queued(tick);
    }

    private void closeNow(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing session {} failed", id(), e);
        }
    }

    private void writeFailed(Throwable failure) {
        if (!socket.isOpen()) {
            // the container failed the frame in flight because the connection is already closing
            return;
        }
        log.debug("Writing to session {} failed; closing it", id(), failure);
        close(CloseStatus.SERVER_ERROR);
    }
}
