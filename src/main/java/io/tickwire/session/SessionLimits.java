package io.tickwire.session;

import java.time.Duration;

/**
 * The settings sessions are run with, supplied by whoever configures the endpoint.
 *
 * @param heartbeat how often each session gets a {@code heartbeat}
 * @param maxBatchChars a batch frame grows up to this size
 * @param maxQueuedMessages messages waiting for one client before its ticks are conflated
 */
public record SessionLimits(Duration heartbeat, int maxBatchChars, int maxQueuedMessages) {
}
