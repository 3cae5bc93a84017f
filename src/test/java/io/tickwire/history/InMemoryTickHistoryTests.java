package io.tickwire.history;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.UnknownSymbolException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InMemoryTickHistoryTests {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

    private final CountingEpochs epochs = new CountingEpochs();

    private final InMemoryTickHistory history = new InMemoryTickHistory(SYMBOLS, 5, epochs);

    @Test
    void firstTickOfASymbolHasSeqOne() {
        assertThat(history.append(Quote.of("AAPL", 189.20), 1_000).seq()).isOne();
    }

    @Test
    void seqRisesByExactlyOnePerTick() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seqs.add(history.append(Quote.of("AAPL", 100 + i), 1_000 + i).seq());
        }
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void seqIsCountedPerSymbol() {
        history.append(Quote.of("AAPL", 189.20), 1_000);
        history.append(Quote.of("AAPL", 189.21), 1_001);
        assertThat(history.append(Quote.of("MSFT", 411.02), 1_002).seq()).isOne();
        assertThat(history.append(Quote.of("AAPL", 189.22), 1_003).seq()).isEqualTo(3);
    }

    @Test
    void appendKeepsTheQuoteAndStampsThePublishTime() {
        Tick tick = history.append(new Quote("AAPL", 189.23, 189.22, 189.24, 1_203_400L, 187.90), 1_763_760_000_456L);
        assertThat(tick).isEqualTo(new Tick("AAPL", 1, 189.23, 189.22, 189.24, 1_203_400L, 187.90, 1_763_760_000_456L));
    }

    @Test
    void latestIsEmptyBeforeTheFirstTick() {
        assertThat(history.latest("AAPL")).isEmpty();
    }

    @Test
    void latestIsTheNewestTick() {
        append("AAPL", 3);
        Tick newest = history.append(Quote.of("AAPL", 190.00), 2_000);
        assertThat(history.latest("AAPL")).contains(newest);
        assertThat(history.latest("MSFT")).isEmpty();
    }

    @Test
    void recentGivesTheLastTicksOldestFirst() {
        append("AAPL", 4);
        assertThat(history.recent("AAPL", 3)).extracting(Tick::seq).containsExactly(2L, 3L, 4L);
    }

    @Test
    void recentIsClampedToTheTicksThereAre() {
        append("AAPL", 2);
        assertThat(history.recent("AAPL", 10)).extracting(Tick::seq).containsExactly(1L, 2L);
    }

    @Test
    void recentIsClampedToTheTicksTheRingKeeps() {
        append("AAPL", 13);
        assertThat(history.recent("AAPL", Integer.MAX_VALUE)).extracting(Tick::seq).containsExactly(9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void recentOfNothingIsEmpty() {
        assertThat(history.recent("AAPL", 5)).isEmpty();
        append("AAPL", 3);
        assertThat(history.recent("AAPL", 0)).isEmpty();
    }

    @Test
    void ringKeepsOnlyTheLastSizeTicksAcrossManyWraps() {
        List<Tick> appended = append("AAPL", 23);
        assertThat(history.recent("AAPL", 100)).containsExactlyElementsOf(appended.subList(18, 23));
    }

    @Test
    void freshSubscriptionGetsTheLatestTickAsSnapshot() {
        append("AAPL", 7);
        Resumption resumption = history.resume("AAPL", null);
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.symbol()).isEqualTo("AAPL");
        assertThat(resumption.epoch()).isEqualTo(epochOf("AAPL"));
        assertThat(resumption.seq()).isEqualTo(7);
        assertThat(resumption.snapshot()).isEqualTo(history.latest("AAPL").orElseThrow());
        assertThat(resumption.replay()).isEmpty();
    }

    @Test
    void freshSubscriptionBeforeAnyTickGetsNoSnapshot() {
        Resumption resumption = history.resume("AAPL", null);
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.seq()).isZero();
        assertThat(resumption.snapshot()).isNull();
        assertThat(resumption.replay()).isEmpty();
    }

    @Test
    void resumeInTheSameEpochReplaysExactlyTheMissedTicksInOrder() {
        List<Tick> appended = append("AAPL", 8);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 5));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.seq()).isEqualTo(8);
        assertThat(resumption.replay()).containsExactlyElementsOf(appended.subList(5, 8));
        assertThat(resumption.replay().get(resumption.replay().size() - 1).seq()).isEqualTo(resumption.seq());
        assertThat(resumption.snapshot()).isNull();
    }

    @Test
    void resumeAtTheLatestPositionIsRecoveredWithNothingToReplay() {
        append("AAPL", 8);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 8));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.seq()).isEqualTo(8);
        assertThat(resumption.replay()).isEmpty();
        assertThat(resumption.snapshot()).isNull();
    }

    @Test
    void resumeFromSeqZeroReplaysEverythingWhileTheRingHoldsIt() {
        List<Tick> appended = append("AAPL", 5);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 0));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.replay()).containsExactlyElementsOf(appended);
    }

    @Test
    void resumeFromTheOldestRecoverablePositionReplaysTheWholeRing() {
        List<Tick> appended = append("AAPL", 12);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 7));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.replay()).containsExactlyElementsOf(appended.subList(7, 12));
    }

    @Test
    void resumeFromTooOldPositionGivesSnapshot() {
        append("AAPL", 12);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 6));
        assertSnapshotOfLatest(resumption, 12);
    }

    @Test
    void resumeFromSeqZeroAfterTheRingWrappedGivesSnapshot() {
        append("AAPL", 6);
        assertSnapshotOfLatest(history.resume("AAPL", new Position(epochOf("AAPL"), 0)), 6);
    }

    @Test
    void resumeFromAnotherEpochGivesSnapshot() {
        append("AAPL", 8);
        assertSnapshotOfLatest(history.resume("AAPL", new Position("elsewhere", 7)), 8);
    }

    @Test
    void resumeFromTheEpochOfAnotherSymbolGivesSnapshot() {
        append("AAPL", 8);
        assertSnapshotOfLatest(history.resume("AAPL", new Position(epochOf("MSFT"), 7)), 8);
    }

    @Test
    void resumeFromPositionAheadOfTheLatestGivesSnapshot() {
        append("AAPL", 8);
        assertSnapshotOfLatest(history.resume("AAPL", new Position(epochOf("AAPL"), 9)), 8);
    }

    @Test
    void resumeOfAnEmptyHistoryGivesNoSnapshot() {
        for (Position position : List.of(new Position("elsewhere", 3), new Position(epochOf("AAPL"), 3))) {
            Resumption resumption = history.resume("AAPL", position);
            assertThat(resumption.recovered()).as("from %s", position).isFalse();
            assertThat(resumption.seq()).isZero();
            assertThat(resumption.snapshot()).isNull();
            assertThat(resumption.replay()).isEmpty();
        }
    }

    @Test
    void replayIsNotChangedByLaterAppends() {
        append("AAPL", 3);
        Resumption resumption = history.resume("AAPL", new Position(epochOf("AAPL"), 1));
        append("AAPL", 10);
        assertThat(resumption.replay()).extracting(Tick::seq).containsExactly(2L, 3L);
    }

    @Test
    void unknownSymbolIsRefusedByEveryOperation() {
        assertUnknown(() -> history.append(Quote.of("NOPE", 1), 1_000));
        assertUnknown(() -> history.latest("NOPE"));
        assertUnknown(() -> history.recent("NOPE", 5));
        assertUnknown(() -> history.resume("NOPE", null));
        assertThat(history.contains("NOPE")).isFalse();
    }

    @Test
    void knowsItsSymbolsInTheGivenOrder() {
        assertThat(history.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(history.contains("AAPL")).isTrue();
        assertThat(history.contains("aapl")).isFalse();
    }

    @Test
    void eachSymbolGetsItsOwnEpochFromTheSupplier() {
        assertThat(epochOf("AAPL")).isEqualTo("epoch-1");
        assertThat(epochOf("MSFT")).isEqualTo("epoch-2");
        assertThat(epochs.handedOut).isEqualTo(2);
    }

    @Test
    void epochIsKeptAcrossAppends() {
        String before = epochOf("AAPL");
        append("AAPL", 20);
        assertThat(epochOf("AAPL")).isEqualTo(before);
    }

    private List<Tick> append(String symbol, int count) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(history.append(Quote.of(symbol, 100 + i * 0.01), 1_000 + i));
        }
        return ticks;
    }

    private String epochOf(String symbol) {
        return history.resume(symbol, null).epoch();
    }

    private void assertSnapshotOfLatest(Resumption resumption, long latestSeq) {
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.seq()).isEqualTo(latestSeq);
        assertThat(resumption.replay()).isEmpty();
        assertThat(resumption.snapshot()).isNotNull();
        assertThat(resumption.snapshot().seq()).isEqualTo(latestSeq);
        assertThat(resumption.snapshot()).isEqualTo(history.latest(resumption.symbol()).orElseThrow());
    }

    private static void assertUnknown(Runnable call) {
        assertThatExceptionOfType(UnknownSymbolException.class).isThrownBy(call::run)
                .satisfies(e -> assertThat(e.symbol()).isEqualTo("NOPE"));
    }

    /** Hands out predictable epoch names, one per call. */
    private static final class CountingEpochs implements Supplier<String> {

        private int handedOut;

        @Override
        public String get() {
            return "epoch-" + ++handedOut;
        }
    }
}
