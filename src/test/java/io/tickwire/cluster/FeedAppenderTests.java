package io.tickwire.cluster;

import io.tickwire.history.Epochs;
import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.support.MutableClock;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feed's quotes appended in batches to a real Redis. */
@ExtendWith(OutputCaptureExtension.class)
class FeedAppenderTests {

    private final RedisServer redis = RedisServer.start();

    private final RedisNodes nodes = new RedisNodes(redis);

    private final RedisTickHistory history = new RedisTickHistory(nodes.template(), List.of("AAPL", "MSFT"), 5_000,
            new Epochs(), "tickwire", new DeliveredTicks(), Clock.systemUTC());

    // a clock that stands still, so that no quote goes stale while a slow machine warms up (staleness has its own test)
    private final FeedAppender appender = new FeedAppender(history, MutableClock.atEpochSecond(1_000), 65_536);

    @AfterEach
    void stop() {
        appender.close();
        nodes.close();
        redis.close();
    }

    @Test
    void appendsEveryQuoteOfEachSymbolInOrder() {
        IntStream.range(0, 2_000).forEach(i -> appender.offer(Quote.of(i % 2 == 0 ? "AAPL" : "MSFT", 1 + i)));

        await().atMost(Duration.ofSeconds(10)).until(() -> history.recent("MSFT", 5_000).size() == 1_000);
        List<Tick> aapl = history.recent("AAPL", 5_000);
        assertThat(aapl).extracting(Tick::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(aapl).extracting(Tick::price).isSorted();
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void aRedisThatLostItsScriptsIsGivenThemAgain() {
        appender.offer(Quote.of("AAPL", 190));
        await().atMost(Duration.ofSeconds(5)).until(() -> history.latest("AAPL").isPresent());
        redis.command("SCRIPT", "FLUSH");

        appender.offer(Quote.of("AAPL", 191));
        appender.offer(Quote.of("AAPL", 192));

        await().atMost(Duration.ofSeconds(5)).until(() -> history.recent("AAPL", 5).size() == 3);
        assertThat(history.recent("AAPL", 5)).extracting(Tick::price).containsExactly(190.0, 191.0, 192.0);
    }

    @Test
    void withoutRedisQuotesAreDroppedWithOneWarningAndAppendedAgainOnceItIsBack(CapturedOutput output) {
        redis.stop();
        appender.offer(Quote.of("AAPL", 190));
        appender.offer(Quote.of("AAPL", 191));
        await().atMost(Duration.ofSeconds(5)).until(() -> appender.dropped() == 2);
        appender.offer(Quote.of("AAPL", 192));
        await().atMost(Duration.ofSeconds(5)).until(() -> appender.dropped() == 3);
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN"))).hasSize(1);

        redis.restart();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            appender.offer(Quote.of("AAPL", 193));
            assertThat(history.latest("AAPL")).isPresent();
        });
        assertThat(output.getOut()).contains("Redis takes the feed's quotes again");
    }

    @Test
    void quotesThatWaitedLongerThanASecondAreDropped() {
        List<RedisTickHistory.Appending> batch = List.of(new RedisTickHistory.Appending(Quote.of("AAPL", 1), 1_000),
                new RedisTickHistory.Appending(Quote.of("AAPL", 2), 1_500), new RedisTickHistory.Appending(Quote.of("AAPL", 3), 2_000));
        assertThat(FeedAppender.fresh(batch, 2_500)).extracting(appending -> appending.quote().price())
                .containsExactly(2.0, 3.0);
    }
}
