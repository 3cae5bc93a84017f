package io.tickwire.session;

import io.tickwire.market.Tick;
import io.tickwire.market.TickListener;
import io.tickwire.protocol.CloseCodes;
import io.tickwire.protocol.ServerMessageEncoder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every open session, and for each symbol its subscriptions. A published tick is encoded once here and the same
 * text offered to each subscriber's outbox; no socket is written on the publishing thread.
 */
public final class SessionRegistry implements TickListener {

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<SymbolSubscription>> subscriptionsBySymbol = new ConcurrentHashMap<>();
    private final ServerMessageEncoder encoder;
    private final SessionSettings settings;
    private final Function<WebSocketSession, FrameSender> senders;
    private final Clock clock;

    SessionRegistry(ServerMessageEncoder encoder, SessionSettings settings, Function<WebSocketSession, FrameSender> senders, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.senders = senders;
        this.clock = clock;
    }

    public ClientSession open(WebSocketSession socket) {
        ClientSession session = new ClientSession(socket, senders.apply(socket), settings, clock);
        sessions.put(session.id(), session);
        return session;
    }

    /**
     * Forgets a session at once and closes it once it has been written what is queued for it, or with
     * {@code dropQueued} only the frame in flight (see {@link ClientSession#closeAfterWriting}).
     */
    public void evictAfterWriting(ClientSession session, CloseStatus status, boolean dropQueued, long graceMillis) {
        remove(session.id());
        session.closeAfterWriting(status, dropQueued, graceMillis);
    }

    /** Forgets a session at once and closes it without writing what waits for it. */
    public void evict(ClientSession session, CloseStatus status) {
        remove(session.id());
        session.close(status);
    }

    public Optional<ClientSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Forgets a session that has closed. */
    public void remove(String sessionId) {
        ClientSession session = sessions.remove(sessionId);
        if (session != null) {
            session.subscriptions().forEach(this::unindex);
        }
    }

    /**
     * Starts delivering the symbol to the session: ticks are held back until {@link ClientSession#answerSubscribe}
     * is called with the answer built after this call, so that no tick falls between the answer and the stream.
     */
    public void subscribe(ClientSession session, String symbol, Double maxRate) {
        unsubscribe(session, symbol);
        SymbolSubscription subscription = session.startSubscription(symbol, maxRate);
        subscriptionsBySymbol.compute(symbol, (s, subscriptions) -> {
            Set<SymbolSubscription> updated = subscriptions == null ? ConcurrentHashMap.newKeySet() : subscriptions;
            updated.add(subscription);
            return updated;
        });
        if (!sessions.containsKey(session.id())) {
            // closed meanwhile: remove() may have run before this symbol was indexed
            unindex(subscription);
        }
    }

    public void unsubscribe(ClientSession session, String symbol) {
        SymbolSubscription ended = session.endSubscription(symbol);
        if (ended != null) {
            unindex(ended);
        }
    }

    @Override
    public void onTick(Tick tick) {
        settings.meters().tickPublished();
        Set<SymbolSubscription> subscriptions = subscriptionsBySymbol.get(tick.symbol());
        if (subscriptions == null || subscriptions.isEmpty()) {
            return;
        }
        String json = encoder.tick(tick);
        for (SymbolSubscription subscription : subscriptions) {
            subscription.session().offerTick(subscription, tick, json);
        }
    }

    /** Closes every session subscribed to the symbol, so that each resumes into the symbol's new epoch. */
    @Override
    public void onHistoryLost(String symbol) {
        Set<SymbolSubscription> subscriptions = subscriptionsBySymbol.get(symbol);
        if (subscriptions != null) {
            subscriptions.forEach(subscription -> evict(subscription.session(), CloseCodes.HISTORY_LOST));
        }
    }

    public Collection<ClientSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    /** Subscriptions of every open session, counted symbol by symbol. */
    public int subscriptionCount() {
        int count = 0;
        for (Set<SymbolSubscription> subscriptions : subscriptionsBySymbol.values()) {
            count += subscriptions.size();
        }
        return count;
    }

    public int subscriberCount(String symbol) {
        Set<SymbolSubscription> subscriptions = subscriptionsBySymbol.get(symbol);
        return subscriptions == null ? 0 : subscriptions.size();
    }

    private void unindex(SymbolSubscription subscription) {
        subscriptionsBySymbol.computeIfPresent(subscription.symbol(), (s, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }
}
