package io.tickwire.websocket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one connection may ask of the server, and how much the server queues for it.
 *
 * @param maxMessageBytes largest message a client may send
 * @param maxSubscriptions most symbols one connection may be subscribed to at once
 * @param messagesPerSecond messages a client may send per second, announced in {@code welcome}
 * @param maxQueuedMessages messages waiting for one client before newer ticks replace older ones of the same symbol
 * @param maxBatchBytes a {@code batch} frame grows up to about this size
 */
@ConfigurationProperties("tickwire.limits")
@Validated
public record LimitsProperties(
        @DefaultValue("16384") @Min(256) @Max(1_048_576) int maxMessageBytes,
        @DefaultValue("200") @Min(1) @Max(100_000) int maxSubscriptions,
        @DefaultValue("20") @Min(1) @Max(100_000) int messagesPerSecond,
        @DefaultValue("512") @Min(1) @Max(1_000_000) int maxQueuedMessages,
        @DefaultValue("65536") @Min(1024) @Max(16_777_216) int maxBatchBytes) {
}
