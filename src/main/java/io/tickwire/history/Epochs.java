package io.tickwire.history;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** Names for new history streams: short, and unlikely ever to repeat across restarts. */
public final class Epochs implements Supplier<String> {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }
}
