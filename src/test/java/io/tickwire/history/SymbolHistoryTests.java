package io.tickwire.history;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SymbolHistoryTests {

    @Test
    void refusesACapacityBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SymbolHistory("AAPL", "e", 0));
    }

    @Test
    void ringOfOneKeepsOnlyTheLatestTick() {
        SymbolHistory history = new SymbolHistory("AAPL", "e", 1);
        history.append(Quote.of("AAPL", 1), 1);
        Tick second = history.append(Quote.of("AAPL", 2), 2);
        assertThat(history.recent(10)).containsExactly(second);
        assertThat(history.resume(new Position("e", 1)).recovered()).isTrue();
        assertThat(history.resume(new Position("e", 1)).replay()).containsExactly(second);
        assertThat(history.resume(new Position("e", 0)).recovered()).isFalse();
    }

    @Test
    void resumeInTheEpochBeforeAnyTickIsRecoveredWithNothingToReplay() {
        SymbolHistory history = new SymbolHistory("AAPL", "e", 4);
        Resumption resumption = history.resume(new Position("e", 0));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.seq()).isZero();
        assertThat(resumption.replay()).isEmpty();
        assertThat(resumption.snapshot()).isNull();
    }

    @Test
    void recentWithANegativeLimitIsEmpty() {
        SymbolHistory history = new SymbolHistory("AAPL", "e", 4);
        history.append(Quote.of("AAPL", 1), 1);
        assertThat(history.recent(-3)).isEmpty();
    }

    @Test
    void concurrentAppendsGetEverySeqExactlyOnce() throws InterruptedException {
        SymbolHistory history = new SymbolHistory("AAPL", "e", 10_000);
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    seqs.add(history.append(Quote.of("AAPL", 1), i).seq());
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, (long) threads * perThread).boxed().toList());
        assertThat(history.recent(threads * perThread)).extracting(Tick::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) threads * perThread).boxed().toList());
    }
}
