package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTests {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void ticksInOrderAreNeitherGapsNorDuplicates() {
        for (long seq = 10; seq < 20; seq++) {
            tracker.tick(0, seq, 0);
            tracker.tick(1, seq + 100, 0);
        }
        assertThat(tracker.ticks()).isEqualTo(20);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void firstTickOfEachSymbolSetsItsBase() {
        tracker.tick(0, 500, 0);
        tracker.tick(3, 7, 0);
        tracker.tick(0, 501, 0);
        tracker.tick(3, 8, 0);
        assertThat(tracker.gaps()).isZero();
    }

    @Test
    void jumpIsAGapCountingTheTicksLost() {
        tracker.tick(0, 1, 0);
        tracker.tick(0, 5, 0);
        tracker.tick(0, 6, 0);
        tracker.tick(0, 8, 0);
        assertThat(tracker.gaps()).isEqualTo(2);
        assertThat(tracker.missing()).isEqualTo(4);
    }

    @Test
    void jumpExplainedBySkippedIsNotAGap() {
        tracker.tick(0, 1, 0);
        tracker.tick(0, 5, 3);
        tracker.tick(0, 6, 0);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.skipped()).isEqualTo(3);
    }

    @Test
    void jumpLargerThanSkippedIsAGapOfTheDifference() {
        tracker.tick(0, 1, 0);
        tracker.tick(0, 10, 2);
        assertThat(tracker.gaps()).isEqualTo(1);
        assertThat(tracker.missing()).isEqualTo(6);
        assertThat(tracker.skipped()).isEqualTo(2);
    }

    @Test
    void repeatedOrOlderSeqIsADuplicateAndDoesNotMoveTheBase() {
        tracker.tick(0, 5, 0);
        tracker.tick(0, 5, 0);
        tracker.tick(0, 3, 0);
        tracker.tick(0, 6, 0);
        assertThat(tracker.duplicates()).isEqualTo(2);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.ticks()).isEqualTo(4);
    }

    @Test
    void symbolsAreTrackedApart() {
        tracker.tick(0, 1, 0);
        tracker.tick(1, 100, 0);
        tracker.tick(0, 2, 0);
        tracker.tick(1, 101, 0);
        tracker.tick(1, 100, 0);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.duplicates()).isEqualTo(1);
    }

    @Test
    void subscribedEntrySetsTheBaseSoTheFirstTickMustFollowIt() {
        tracker.subscribed(0, 41);
        tracker.tick(0, 42, 0);
        tracker.subscribed(1, 10);
        tracker.tick(1, 13, 0);
        tracker.subscribed(2, 5);
        tracker.tick(2, 5, 0);
        assertThat(tracker.gaps()).isEqualTo(1);
        assertThat(tracker.missing()).isEqualTo(2);
        assertThat(tracker.duplicates()).isEqualTo(1);
    }
}
