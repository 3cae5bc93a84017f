package io.tickwire.history;

/** The one rule every {@link TickHistory} answers a resume by, wherever it keeps its ticks. */
public final class ResumeRule {

    private ResumeRule() {
    }

    /**
     * Whether a subscriber that last processed {@code from} can be given every tick after it, from a history of
     * {@code epoch} that holds the ticks {@code oldestSeq..latestSeq} (an empty history holds {@code latestSeq + 1..latestSeq}).
     */
    public static boolean canReplay(Position from, String epoch, long oldestSeq, long latestSeq) {
        return from != null && epoch.equals(from.epoch()) && from.seq() <= latestSeq && from.seq() >= oldestSeq - 1;
    }
}
