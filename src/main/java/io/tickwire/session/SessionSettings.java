package io.tickwire.session;

import java.util.concurrent.Executor;

/**
 * What every session's outbox and writer share.
 *
 * @param writers runs the sessions' writers; sized to the cores, since the container's non-blocking sender never blocks them (the fallback {@link BlockingFrameSender} for other containers does)
 * @param blockingWork runs pings and closing handshakes, which the container only offers as blocking calls
 * @param pacer delays a tick held back by a client's {@code maxRate}
 * @param maxFrameChars a batch frame grows up to this many characters
 * @param conflateAbove messages waiting before newer ticks start to replace older ones of the same symbol
 * @param messagesPerSecond client messages allowed per second, on average
 * @param messageBurst client messages allowed at once
 * @param meters what the fan-out counts and times
 */
record SessionSettings(Executor writers, Executor blockingWork, Pacer pacer, int maxFrameChars, int conflateAbove,
                       int messagesPerSecond, int messageBurst, SessionMeters meters) {

    /** Runs a task after a delay. */
    @FunctionalInterface
    interface Pacer {
        void schedule(Runnable task, long delayMillis);
    }
}
