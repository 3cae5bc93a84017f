package io.tickwire.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the resumes asked for, one per symbol, by whether every missed tick could be replayed. */
public final class ResumeOutcomes {

    public static final String NAME = "tickwire.resumes";
    public static final String OUTCOME = "outcome";
    public static final String RECOVERED = "recovered";
    public static final String NOT_RECOVERED = "not_recovered";

    private final Counter recovered;
    private final Counter notRecovered;

    ResumeOutcomes(MeterRegistry registry) {
        recovered = counter(registry, RECOVERED);
        notRecovered = counter(registry, NOT_RECOVERED);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).tag(OUTCOME, outcome)
                .description("Symbols subscribed with a resume position: recovered (every missed tick replayed) "
                        + "or not_recovered (a snapshot instead)")
                .register(registry);
    }

    void resumed(boolean wasRecovered) {
        (wasRecovered ? recovered : notRecovered).increment();
    }
}
