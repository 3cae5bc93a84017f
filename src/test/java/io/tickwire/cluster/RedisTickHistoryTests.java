package io.tickwire.cluster;

import io.tickwire.history.Epochs;
import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.history.Position;
import io.tickwire.history.Resumption;
import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.UnknownSymbolException;
import io.tickwire.support.MutableClock;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The history against a real Redis; {@code nodeA} and {@code nodeB} stand for two Tickwire nodes. */
class RedisTickHistoryTests {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

    private static RedisServer redis;

    private RedisNodes nodes;

    private RedisTickHistory nodeA;

    private RedisTickHistory nodeB;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connectNodes() {
        assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
        nodes = new RedisNodes(redis);
        nodeA = nodes.history(SYMBOLS, 5);
        nodeB = nodes.history(SYMBOLS, 5);
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void seqRisesByExactlyOnePerTickWhicheverNodeAppends() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seqs.add((i % 2 == 0 ? nodeA : nodeB).append(Quote.of("AAPL", 100 + i), 1_000 + i).seq());
        }
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(nodeA.append(Quote.of("MSFT", 411.02), 2_000).seq()).isOne();
    }

    @Test
    void appendKeepsEveryFieldOfTheQuote() {
        Tick full = nodeA.append(new Quote("AAPL", 189.23, 189.22, 189.24, 1_203_400L, 187.90), 1_763_760_000_456L);
        Tick bare = nodeA.append(Quote.of("AAPL", 0.1 + 0.2), 1_763_760_000_457L);
        assertThat(full).isEqualTo(new Tick("AAPL", 1, 189.23, 189.22, 189.24, 1_203_400L, 187.90, 1_763_760_000_456L));
        assertThat(nodeB.recent("AAPL", 10)).containsExactly(full, bare);
    }

    @Test
    void streamEntryIdIsTheSeq() {
        append(nodeA, "AAPL", 3);
        assertThat(nodes.template().opsForStream().range("tickwire:{AAPL}:ticks", org.springframework.data.domain.Range.unbounded()))
                .extracting(record -> record.getId().getValue()).containsExactly("1-0", "2-0", "3-0");
    }

    @Test
    void streamKeepsOnlyTheLastSizeTicks() {
        List<Tick> appended = append(nodeA, "AAPL", 12);
        assertThat(redis.command("XLEN", "tickwire:{AAPL}:ticks")).isEqualTo(":5");
        assertThat(nodeB.recent("AAPL", 100)).containsExactlyElementsOf(appended.subList(7, 12));
        assertThat(nodeB.recent("AAPL", 2)).containsExactlyElementsOf(appended.subList(10, 12));
        assertThat(nodeB.recent("AAPL", 0)).isEmpty();
    }

    @Test
    void latestIsTheNewestTickOnEveryNode() {
        assertThat(nodeB.latest("AAPL")).isEmpty();
        List<Tick> appended = append(nodeA, "AAPL", 3);
        assertThat(nodeB.latest("AAPL")).contains(appended.get(2));
        assertThat(nodeB.latest("MSFT")).isEmpty();
    }

    @Test
    void twoNodesAppendingAtOnceNeverHandOutTheSameSeq() throws Exception {
        int perNode = 400;
        List<Long> seqsA = new ArrayList<>();
        List<Long> seqsB = new ArrayList<>();
        Thread a = new Thread(() -> append(nodeA, "AAPL", perNode).forEach(tick -> seqsA.add(tick.seq())));
        Thread b = new Thread(() -> append(nodeB, "AAPL", perNode).forEach(tick -> seqsB.add(tick.seq())));
        a.start();
        b.start();
        a.join();
        b.join();
        List<Long> all = new ArrayList<>(seqsA);
        all.addAll(seqsB);
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 2L * perNode).boxed().toList());
        assertThat(seqsA).isSorted();
        assertThat(seqsB).isSorted();
    }

    @Test
    void resumeOnAnotherNodeReplaysExactlyTheMissedTicks() {
        List<Tick> appended = append(nodeA, "AAPL", 8);
        Resumption resumption = nodeB.resume("AAPL", new Position(epochOf(nodeA, "AAPL"), 5));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.seq()).isEqualTo(8);
        assertThat(resumption.replay()).containsExactlyElementsOf(appended.subList(5, 8));
        assertThat(resumption.snapshot()).isNull();
    }

    @Test
    void resumeAtTheLatestPositionIsRecoveredWithNothingToReplay() {
        append(nodeA, "AAPL", 4);
        Resumption resumption = nodeB.resume("AAPL", new Position(epochOf(nodeA, "AAPL"), 4));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.replay()).isEmpty();
    }

    @Test
    void resumeFromTheOldestRecoverablePositionReplaysTheWholeStream() {
        List<Tick> appended = append(nodeA, "AAPL", 12);
        Resumption resumption = nodeB.resume("AAPL", new Position(epochOf(nodeA, "AAPL"), 7));
        assertThat(resumption.recovered()).isTrue();
        assertThat(resumption.replay()).containsExactlyElementsOf(appended.subList(7, 12));
    }

    @Test
    void resumeFromAPositionThatFellOffTheStreamGivesSnapshot() {
        List<Tick> appended = append(nodeA, "AAPL", 12);
        assertSnapshot(nodeB.resume("AAPL", new Position(epochOf(nodeA, "AAPL"), 6)), appended.get(11));
    }

    @Test
    void resumeFromAnotherEpochOrAheadOfTheLatestGivesSnapshot() {
        List<Tick> appended = append(nodeA, "AAPL", 8);
        assertSnapshot(nodeB.resume("AAPL", new Position("elsewhere", 7)), appended.get(7));
        assertSnapshot(nodeB.resume("AAPL", new Position(epochOf(nodeA, "AAPL"), 9)), appended.get(7));
        assertSnapshot(nodeB.resume("AAPL", null), appended.get(7));
    }

    @Test
    void epochHandedOutBeforeTheFirstTickStaysValidAfterIt() {
        Resumption before = nodeA.resume("AAPL", null);
        assertThat(before.seq()).isZero();
        assertThat(before.snapshot()).isNull();
        List<Tick> appended = append(nodeB, "AAPL", 3);
        Resumption after = nodeA.resume("AAPL", new Position(before.epoch(), 0));
        assertThat(after.epoch()).isEqualTo(before.epoch());
        assertThat(after.recovered()).isTrue();
        assertThat(after.replay()).containsExactlyElementsOf(appended);
    }

    @Test
    void symbolsHaveTheirOwnEpochs() {
        assertThat(epochOf(nodeA, "AAPL")).isNotEqualTo(epochOf(nodeA, "MSFT"));
        assertThat(epochOf(nodeB, "AAPL")).isEqualTo(epochOf(nodeA, "AAPL"));
    }

    @Test
    void flushAllStartsANewEpochAndNoResumeAcrossItIsRecovered() {
        append(nodeA, "AAPL", 4);
        Position lastSeen = new Position(epochOf(nodeA, "AAPL"), 4);
        assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
        Tick first = nodeB.append(Quote.of("AAPL", 150), 5_000);
        assertThat(first.seq()).isOne();
        Resumption resumption = nodeA.resume("AAPL", lastSeen);
        assertThat(resumption.epoch()).isNotEqualTo(lastSeen.epoch());
        assertSnapshot(resumption, first);
    }

    @Test
    void lostStreamStartsANewEpochEvenWhileItsSeqIsKept() {
        append(nodeA, "AAPL", 4);
        Position lastSeen = new Position(epochOf(nodeA, "AAPL"), 2);
        assertThat(redis.command("DEL", "tickwire:{AAPL}:ticks")).isEqualTo(":1");
        Resumption resumption = nodeB.resume("AAPL", lastSeen);
        assertThat(resumption.epoch()).isNotEqualTo(lastSeen.epoch());
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.seq()).isZero();
        assertThat(nodeA.append(Quote.of("AAPL", 150), 5_000).seq()).isOne();
    }

    @Test
    void lostEpochDropsTheStreamItNumbered() {
        append(nodeA, "AAPL", 4);
        Position lastSeen = new Position(epochOf(nodeA, "AAPL"), 2);
        assertThat(redis.command("DEL", "tickwire:{AAPL}:meta")).isEqualTo(":1");
        Tick first = nodeB.append(Quote.of("AAPL", 150), 5_000);
        assertThat(first.seq()).isOne();
        assertThat(nodeA.recent("AAPL", 10)).containsExactly(first);
        assertThat(nodeA.resume("AAPL", lastSeen).recovered()).isFalse();
    }

    @Test
    void redisRestartedWithoutPersistenceStartsANewEpoch() {
        append(nodeA, "AAPL", 4);
        Position lastSeen = new Position(epochOf(nodeA, "AAPL"), 4);
        redis.restart();
        Resumption resumption = nodeB.resume("AAPL", lastSeen);
        assertThat(resumption.epoch()).isNotEqualTo(lastSeen.epoch());
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.snapshot()).isNull();
    }

    @Test
    void withoutRedisSubscribersAndTheSymbolListAreAnsweredFromWhatThisNodeDelivered() {
        DeliveredTicks delivered = new DeliveredTicks();
        RedisTickHistory node = new RedisTickHistory(nodes.template(), SYMBOLS, 5, new Epochs(), "tickwire",
                delivered, Clock.systemUTC());
        Tick last = node.append(Quote.of("AAPL", 190), 1_000);
        delivered.put("e1", last);
        redis.pause();
        try {
            assertThatExceptionOfType(HistoryUnavailableException.class)
                    .isThrownBy(() -> node.append(Quote.of("AAPL", 191), 1_001));
            assertThat(node.resume("AAPL", new Position("e1", 0)))
                    .isEqualTo(Resumption.snapshot("AAPL", "e1", last.seq(), last));
            assertThat(node.resume("MSFT", null))
                    .isEqualTo(Resumption.snapshot("MSFT", RedisTickHistory.UNKNOWN_EPOCH, 0, null));
            assertThat(node.latest("AAPL")).contains(last);
            assertThatExceptionOfType(HistoryUnavailableException.class).isThrownBy(() -> node.recent("AAPL", 5));
        } finally {
            redis.resume();
        }
    }

    @Test
    void afterAFailedCallEveryCallFailsAtOnceForAWhileInsteadOfWaitingForRedis() {
        MutableClock clock = MutableClock.atEpochSecond(1_000);
        RedisTickHistory node = new RedisTickHistory(nodes.template(), SYMBOLS, 5, new Epochs(), "tickwire",
                new DeliveredTicks(), clock);
        redis.pause();
        try {
            assertThatExceptionOfType(HistoryUnavailableException.class)
                    .isThrownBy(() -> node.append(Quote.of("AAPL", 190), 1_000));
        } finally {
            redis.resume();
        }
        assertThatExceptionOfType(HistoryUnavailableException.class).as("Redis is not asked")
                .isThrownBy(() -> node.append(Quote.of("AAPL", 191), 1_001));
        clock.advance(RedisTickHistory.FAIL_FAST);
        assertThat(node.append(Quote.of("AAPL", 192), 1_002).price()).isEqualTo(192);
    }

    @Test
    void unknownSymbolIsRefusedByEveryOperation() {
        assertUnknown(() -> nodeA.append(Quote.of("NOPE", 1), 1_000));
        assertUnknown(() -> nodeA.latest("NOPE"));
        assertUnknown(() -> nodeA.recent("NOPE", 5));
        assertUnknown(() -> nodeA.resume("NOPE", null));
        assertThat(nodeA.contains("NOPE")).isFalse();
        assertThat(nodeA.symbols()).containsExactly("AAPL", "MSFT");
    }

    private static List<Tick> append(RedisTickHistory node, String symbol, int count) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(node.append(Quote.of(symbol, 100 + i * 0.01), 1_000 + i));
        }
        return ticks;
    }

    private static String epochOf(RedisTickHistory node, String symbol) {
        return node.resume(symbol, null).epoch();
    }

    private static void assertSnapshot(Resumption resumption, Tick latest) {
        assertThat(resumption.recovered()).isFalse();
        assertThat(resumption.seq()).isEqualTo(latest.seq());
        assertThat(resumption.replay()).isEmpty();
        assertThat(resumption.snapshot()).isEqualTo(latest);
    }

    private static void assertUnknown(Runnable operation) {
        assertThatExceptionOfType(UnknownSymbolException.class).isThrownBy(operation::run);
    }
}
