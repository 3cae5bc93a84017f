package io.tickwire.session;

import java.util.concurrent.Executor;

/**
 * What every session's outbox and writer share.
 *
 * @param writers runs the sessions' writers; sized to the cores, since no writer blocks
 * @param maxFrameChars a batch frame grows up to this many characters
 * @param conflateAbove messages waiting before newer ticks start to replace older ones of the same symbol
 */
record SessionSettings(Executor writers, int maxFrameChars, int conflateAbove) {
}
