package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.TickListener;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fan-out's own bookkeeping, fed messages by hand, against a real Redis holding the history. */
class ClusterFanOutTests {

    private final RedisServer redis = RedisServer.start();

    private final RedisNodes nodes = new RedisNodes(redis);

    private final RedisTickHistory history = nodes.history(List.of("AAPL"), 100);

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final CountDownLatch held = new CountDownLatch(1);

    private volatile boolean holding;

    private final TickListener listener = new TickListener() {

        @Override
        public void onTick(Tick tick) {
            heard.add("tick " + tick.seq());
            if (holding) {
                try {
                    held.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onHistoryLost(String symbol) {
            heard.add("lost " + symbol);
        }
    };

    @AfterEach
    void stop() {
        nodes.close();
        redis.close();
    }

    @Test
    void duplicatesAreDroppedAndGapsFilledInOrder() {
        try (ClusterFanOut fanOut = new ClusterFanOut(history, List.of(listener), new DeliveredTicks(), 16)) {
            String[] messages = appendFive();
            fanOut.accept(messages[0]);
            fanOut.accept(messages[0]);
            fanOut.accept(messages[3]);
            fanOut.accept(messages[1]);
            fanOut.accept(messages[4]);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 5);
            assertThat(heard).containsExactly("tick 1", "tick 2", "tick 3", "tick 4", "tick 5");
        }
    }

    @Test
    void whatTheQueueCannotHoldIsDroppedAndFilledInByTheNextTick() {
        try (ClusterFanOut fanOut = new ClusterFanOut(history, List.of(listener), new DeliveredTicks(), 1)) {
            String[] messages = appendFive();
            holding = true;
            fanOut.accept(messages[0]);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            fanOut.accept(messages[1]);
            fanOut.accept(messages[2]);
            fanOut.accept(messages[3]);
            assertThat(fanOut.dropped()).isEqualTo(2);
            holding = false;
            held.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
            fanOut.accept(messages[4]);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 5);
            assertThat(heard).containsExactly("tick 1", "tick 2", "tick 3", "tick 4", "tick 5");
        }
    }

    @Test
    void aNewEpochIsRecognisedEvenInTheFirstTickHeardOnceCaughtUp() {
        DeliveredTicks delivered = new DeliveredTicks();
        try (ClusterFanOut fanOut = new ClusterFanOut(history, List.of(listener), delivered, 16)) {
            appendFive();
            fanOut.catchUp();
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get("AAPL") != null);
            redis.command("FLUSHALL");
            history.append(Quote.of("AAPL", 1), 1);
            fanOut.accept(published(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
            assertThat(heard).containsExactly("lost AAPL", "tick 1");
        }
    }

    @Test
    void catchingUpFillsWhatWasMissedAndClosesSubscribersOfALostHistory() {
        try (ClusterFanOut fanOut = new ClusterFanOut(history, List.of(listener), new DeliveredTicks(), 16)) {
            String[] messages = appendFive();
            fanOut.accept(messages[1]);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            fanOut.catchUp();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 4);
            assertThat(heard).containsExactly("tick 2", "tick 3", "tick 4", "tick 5");

            redis.command("FLUSHALL");
            history.append(Quote.of("AAPL", 1), 1);
            fanOut.catchUp();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 5);
            assertThat(heard).endsWith("lost AAPL");
        }
    }

    private String[] appendFive() {
        String[] messages = new String[5];
        for (int i = 0; i < 5; i++) {
            Tick tick = history.append(Quote.of("AAPL", 190 + i), 1_000 + i);
            messages[i] = published(tick.seq());
        }
        return messages;
    }

    /** The message the append script published for the tick at {@code seq}, read back from the stream. */
    private String published(long seq) {
        String epoch = history.position("AAPL").epoch();
        Tick tick = history.range("AAPL", epoch, seq, seq).get(0);
        return "AAPL;" + epoch + ";" + seq + ";" + TickCodec.encode(Quote.of("AAPL", tick.price()), tick.ts());
    }
}
