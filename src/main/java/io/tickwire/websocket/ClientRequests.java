package io.tickwire.websocket;

import io.tickwire.history.Position;
import io.tickwire.history.Resumption;
import io.tickwire.history.TickHistory;
import io.tickwire.market.Symbols;
import io.tickwire.protocol.ClientMessage;
import io.tickwire.protocol.ClientMessageDecoder;
import io.tickwire.protocol.ErrorCode;
import io.tickwire.protocol.ProtocolException;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.protocol.ServerMessageEncoder.Rejected;
import io.tickwire.security.SymbolEntitlements;
import io.tickwire.session.ClientSession;
import io.tickwire.session.SessionRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Answers what a client asks for: every request gets its reply, or an {@code error} saying what was wrong. */
final class ClientRequests {

    private final ClientMessageDecoder decoder;
    private final ServerMessageEncoder encoder;
    private final SessionRegistry registry;
    private final TickHistory history;
    private final SymbolEntitlements entitlements;
    private final ResumeOutcomes resumes;
    private final int maxSubscriptions;
    private final Clock clock;

    ClientRequests(ClientMessageDecoder decoder, ServerMessageEncoder encoder, SessionRegistry registry,
                   TickHistory history, SymbolEntitlements entitlements, ResumeOutcomes resumes, int maxSubscriptions,
                   Clock clock) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.registry = registry;
        this.history = history;
        this.entitlements = entitlements;
        this.resumes = resumes;
        this.maxSubscriptions = maxSubscriptions;
        this.clock = clock;
    }

    void handle(ClientSession session, String text) {
        try {
            ClientMessage message = decoder.decode(text);
            if (message instanceof ClientMessage.Subscribe subscribe) {
                subscribe(session, subscribe);
            } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
                unsubscribe(session, unsubscribe);
            } else if (message instanceof ClientMessage.Ping ping) {
                session.send(encoder.pong(ping.id(), ping.ts(), clock.millis()));
            }
        } catch (ProtocolException e) {
            session.send(encoder.error(e));
        }
    }

    private void subscribe(ClientSession session, ClientMessage.Subscribe request) {
        List<String> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (String symbol : request.symbols()) {
            if (!Symbols.isWellFormed(symbol) || !history.contains(symbol)) {
                rejected.add(new Rejected(symbol, ErrorCode.UNKNOWN_SYMBOL, "no such symbol"));
            } else if (!entitlements.isEntitled(session.socket().getPrincipal(), symbol)) {
                rejected.add(new Rejected(symbol, ErrorCode.NOT_ENTITLED, "not entitled to this symbol"));
            } else {
                accepted.add(symbol);
            }
        }
        long added = accepted.stream().filter(symbol -> !session.isSubscribed(symbol)).count();
        if (session.subscriptionCount() + added > maxSubscriptions) {
            throw new ProtocolException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, request.id(),
                    "at most " + maxSubscriptions + " subscriptions per connection; nothing was changed");
        }
        for (String symbol : accepted) {
            registry.subscribe(session, symbol, request.maxRate());
        }
        // read history only once the symbols are indexed, so that every tick is in the answer or in the stream
        List<Resumption> resumptions = accepted.stream()
                .map(symbol -> resume(symbol, request.resume().get(symbol)))
                .toList();
        session.answerSubscribe(encoder.subscribed(request.id(), resumptions, rejected), resumptions);
    }

    /** @param from where the client says it stopped, or {@code null} for a fresh subscription */
    private Resumption resume(String symbol, Position from) {
        Resumption resumption = history.resume(symbol, from);
        if (from != null) {
            resumes.resumed(resumption.recovered());
        }
        return resumption;
    }

    private void unsubscribe(ClientSession session, ClientMessage.Unsubscribe request) {
        for (String symbol : request.symbols()) {
            registry.unsubscribe(session, symbol);
        }
        session.send(encoder.unsubscribed(request.id(), request.symbols()));
    }
}
