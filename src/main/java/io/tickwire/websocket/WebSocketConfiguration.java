package io.tickwire.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwire.history.TickHistory;
import io.tickwire.protocol.ClientMessageDecoder;
import io.tickwire.protocol.ServerMessageEncoder;
import io.tickwire.security.SymbolEntitlements;
import io.tickwire.session.SessionLimits;
import io.tickwire.session.SessionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties({WebSocketProperties.class, LimitsProperties.class, NodeProperties.class, ShutdownProperties.class})
class WebSocketConfiguration {

    @Bean
    SessionLimits sessionLimits(WebSocketProperties websocket, LimitsProperties limits) {
        return new SessionLimits(websocket.heartbeat(), limits.sendTimeout(), limits.maxBatchBytes(), limits.maxQueuedMessages(),
                limits.messagesPerSecond(), limits.messageBurst());
    }

    @Bean
    TickerWebSocketHandler tickerWebSocketHandler(SessionRegistry registry, TickHistory history, ServerMessageEncoder encoder,
                                                  ClientMessageDecoder decoder, WebSocketProperties websocket,
                                                  LimitsProperties limits, NodeProperties node, SymbolEntitlements entitlements,
                                                  Clock clock, MeterRegistry meters) {
        ClientRequests requests = new ClientRequests(decoder, encoder, registry, history, entitlements,
                new ResumeOutcomes(meters), limits.maxSubscriptions(), clock);
        var welcomes = new TickerWebSocketHandler.Welcomes(encoder, node.nameOrHost(), websocket.heartbeat().toMillis(), limits);
        return new TickerWebSocketHandler(registry, requests, welcomes, encoder, limits, new SessionCloses(meters));
    }

    @Bean
    HandshakeRefusals handshakeRefusals(MeterRegistry meters) {
        return new HandshakeRefusals(meters);
    }

    @Bean
    Admission admission(SessionRegistry registry, LimitsProperties limits, HandshakeRefusals refusals) {
        return new Admission(registry, limits.maxConnections(), limits.retryAfter(), refusals);
    }

    @Bean
    HandshakeRateLimiter handshakeRateLimiter(LimitsProperties limits, Clock clock) {
        return new HandshakeRateLimiter(limits.handshakesPerSecondPerAddress(), limits.handshakeBurstPerAddress(), clock);
    }

    @Bean
    GracefulDisconnect gracefulDisconnect(SessionRegistry registry, Admission admission, ServerMessageEncoder encoder,
                                          ShutdownProperties shutdown) {
        return new GracefulDisconnect(registry, admission, encoder, shutdown);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tickwire.websocket.compression", havingValue = false, matchIfMissing = true)
    FilterRegistrationBean<ExtensionOfferFilter> extensionOfferFilter(WebSocketProperties websocket) {
        FilterRegistrationBean<ExtensionOfferFilter> registration = new FilterRegistrationBean<>(new ExtensionOfferFilter());
        registration.addUrlPatterns(websocket.path());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before Spring Security's filters: foreign origins are refused before any password is checked, and handshakes refused for their login count. */
    @Bean
    FilterRegistrationBean<HandshakeRateLimitFilter> handshakeRateLimitFilter(HandshakeRateLimiter limiter,
                                                                              WebSocketProperties websocket,
                                                                              HandshakeRefusals refusals) {
        FilterRegistrationBean<HandshakeRateLimitFilter> registration =
                new FilterRegistrationBean<>(new HandshakeRateLimitFilter(limiter,
                        new OriginCheckInterceptor(websocket.allowedOrigins(), websocket.requireOrigin()), refusals));
        registration.addUrlPatterns(websocket.path());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** After the origin and rate check, around Spring Security's filters, whose 401 it counts. */
    @Bean
    FilterRegistrationBean<RefusedLoginFilter> refusedLoginFilter(HandshakeRefusals refusals, WebSocketProperties websocket) {
        FilterRegistrationBean<RefusedLoginFilter> registration = new FilterRegistrationBean<>(new RefusedLoginFilter(refusals));
        registration.addUrlPatterns(websocket.path());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Publishes the container's session events as Spring Security's, for {@link SignOutDisconnect}. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    SignOutDisconnect signOutDisconnect(SessionRegistry registry) {
        return new SignOutDisconnect(registry);
    }

    @Bean
    WebSocketConfigurer tickerEndpoint(TickerWebSocketHandler handler, Admission admission, WebSocketProperties websocket) {
        // copies no session attributes, only the session's id, for SignOutDisconnect
        HttpSessionHandshakeInterceptor httpSessionId = new HttpSessionHandshakeInterceptor(List.of());
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, websocket.path())
                .addInterceptors(admission, httpSessionId)
                .setAllowedOriginPatterns(websocket.allowedOrigins().toArray(String[]::new));
    }
}
