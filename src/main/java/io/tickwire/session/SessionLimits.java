package io.tickwire.session;

import java.time.Duration;

/**
 * The settings sessions are run with, supplied by whoever configures the endpoint.
 *
 * @param heartbeat how often each session gets a {@code heartbeat} and a ping; silence for two intervals closes it
 * @param sendTimeout a session that takes no frame for this long is closed with 4009
 * @param maxBatchChars a batch frame grows up to this size
 * @param maxQueuedMessages messages waiting for one client before its ticks are conflated
 * @param messagesPerSecond client messages allowed per second, on average
 * @param messageBurst client messages allowed at once
 */
public record SessionLimits(Duration heartbeat, Duration sendTimeout, int maxBatchChars, int maxQueuedMessages,
                            int messagesPerSecond, int messageBurst) {

    /** How long a ping or a closing handshake may wait for a client that does not read. */
    long blockingSendTimeoutMillis() {
        return Math.min(2_000, sendTimeout.toMillis());
    }
}
