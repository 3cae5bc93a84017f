package io.tickwire.websocket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What one connection, and one node, may ask of the server. README.md lists each with the answer a client gets.
 *
 * @param maxMessageBytes largest message a client may send; larger closes with 1009
 * @param maxSubscriptions most symbols one connection may be subscribed to at once
 * @param messagesPerSecond messages a client may send per second on average; more is {@code RATE_LIMITED}
 * @param messageBurst messages a client may send at once before the per-second rate applies
 * @param sendTimeout a client that takes no data for this long is closed with 4009
 * @param maxQueuedMessages messages waiting for one client before newer ticks replace older ones of the same symbol
 * @param maxBatchBytes a {@code batch} frame grows up to about this size
 * @param maxConnections open WebSockets per node; above it a handshake gets 503
 * @param retryAfter what a handshake refused because the node is full is told in {@code Retry-After}
 * @param handshakesPerSecondPerAddress handshakes one client address may start per second on average; more get 429
 * @param handshakeBurstPerAddress handshakes one client address may start at once before the per-second rate applies
 */
@ConfigurationProperties("tickwire.limits")
@Validated
public record LimitsProperties(
        @DefaultValue("16384") @Min(256) @Max(1_048_576) int maxMessageBytes,
        @DefaultValue("200") @Min(1) @Max(100_000) int maxSubscriptions,
        @DefaultValue("20") @Min(1) @Max(100_000) int messagesPerSecond,
        @DefaultValue("40") @Min(1) @Max(1_000_000) int messageBurst,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue("512") @Min(1) @Max(1_000_000) int maxQueuedMessages,
        @DefaultValue("65536") @Min(1024) @Max(16_777_216) int maxBatchBytes,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxConnections,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("5") @Min(1) @Max(1_000_000) int handshakesPerSecondPerAddress,
        @DefaultValue("20") @Min(1) @Max(1_000_000) int handshakeBurstPerAddress) {
}
