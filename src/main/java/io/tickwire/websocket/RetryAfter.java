package io.tickwire.websocket;

import java.time.Duration;

/** {@code Retry-After} in whole seconds, rounded up and at least 1, so that no client is invited back too early. */
final class RetryAfter {

    private RetryAfter() {
    }

    static String header(Duration wait) {
        return Long.toString(Math.max(1, (wait.toNanos() + 999_999_999) / 1_000_000_000));
    }
}
