package io.tickwire.feed;

import io.tickwire.support.MutableClock;
import io.tickwire.market.Quote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class SimulatedMarketFeedTests {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "KO");

    private final MutableClock clock = MutableClock.atEpochSecond(1_763_760_000);

    private final List<Quote> received = new ArrayList<>();

    @Test
    void emitsTicksPerSecondForEachSymbolInOneSecond() {
        SimulatedMarketFeed feed = feed(4);
        clock.advance(Duration.ofSeconds(1));
        assertThat(feed.emitDue(received::add)).isEqualTo(12);
        assertThat(received).hasSize(12);
    }

    @Test
    void emitsRoundRobinOverItsSymbols() {
        SimulatedMarketFeed feed = feed(4);
        clock.advance(Duration.ofSeconds(1));
        feed.emitDue(received::add);
        assertThat(received).extracting(Quote::symbol).containsExactly("AAPL", "MSFT", "KO", "AAPL", "MSFT", "KO",
                "AAPL", "MSFT", "KO", "AAPL", "MSFT", "KO");
    }

    @Test
    void continuesTheRoundWhereTheLastCallLeftOff() {
        SimulatedMarketFeed feed = feed(4);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofNanos(1_000_000_000L / 12 + 1));
            assertThat(feed.emitDue(received::add)).isOne();
        }
        assertThat(received).extracting(Quote::symbol).containsExactlyElementsOf(
                Collections.nCopies(4, SYMBOLS).stream().flatMap(List::stream).toList());
    }

    @Test
    void emitsNothingWhenNothingIsDue() {
        SimulatedMarketFeed feed = feed(4);
        assertThat(feed.emitDue(received::add)).isZero();
        clock.advance(Duration.ofMillis(80));
        assertThat(feed.emitDue(received::add)).isZero();
        clock.advance(Duration.ofMillis(4));
        assertThat(feed.emitDue(received::add)).isOne();
        assertThat(feed.emitDue(received::add)).isZero();
        assertThat(received).hasSize(1);
    }

    @Test
    void keepsTheRateOverManySmallSteps() {
        SimulatedMarketFeed feed = feed(4);
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofMillis(1));
            feed.emitDue(received::add);
        }
        assertThat(received).hasSize(120);
    }

    @Test
    void catchesUpAtMostOneSecondAfterALongPause() {
        SimulatedMarketFeed feed = feed(4);
        clock.advance(Duration.ofHours(1));
        assertThat(feed.emitDue(received::add)).isEqualTo(12);
        assertThat(feed.emitDue(received::add)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(feed.emitDue(received::add)).isEqualTo(12);
    }

    @Test
    void resumesPromptlyWhenTheClockIsSetBack() {
        SimulatedMarketFeed feed = feed(4);
        clock.advance(Duration.ofSeconds(10));
        feed.emitDue(received::add);
        clock.advance(Duration.ofMinutes(-5));
        assertThat(feed.emitDue(received::add)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(feed.emitDue(received::add)).isEqualTo(12);
    }

    @Test
    void emitsAtLeastOneQuoteEverySoOftenWhenTheRateIsBelowOne() {
        SimulatedMarketFeed feed = feed(0.1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(feed.emitDue(received::add)).isOne();
        clock.advance(Duration.ofMillis(3334));
        assertThat(feed.emitDue(received::add)).isOne();
    }

    @Test
    void keepsEmittingWhenTheSinkThrows() {
        SimulatedMarketFeed feed = feed(4);
        Consumer<Quote> failsOnMsft = (quote) -> {
            if (quote.symbol().equals("MSFT")) {
                throw new IllegalStateException("boom");
            }
            received.add(quote);
        };
        clock.advance(Duration.ofSeconds(1));
        assertThat(feed.emitDue(failsOnMsft)).isEqualTo(12);
        clock.advance(Duration.ofSeconds(1));
        assertThat(feed.emitDue(failsOnMsft)).isEqualTo(12);
        assertThat(received).hasSize(16).extracting(Quote::symbol).containsOnly("AAPL", "KO");
    }

    @Test
    void logsAFailingSinkAtMostEveryTenSeconds(CapturedOutput output) {
        SimulatedMarketFeed feed = feed(4);
        Consumer<Quote> failsOnMsft = (quote) -> {
            if (quote.symbol().equals("MSFT")) {
                throw new IllegalStateException("boom");
            }
        };
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            feed.emitDue(failsOnMsft);
        }
        assertThat(errorLines(output)).hasSize(1).first().asString().contains("and on 0 other quotes");
        clock.advance(Duration.ofSeconds(1));
        feed.emitDue(failsOnMsft);
        assertThat(errorLines(output)).hasSize(2).last().asString().contains("and on 39 other quotes");
    }

    @Test
    void feedsWithTheSameSeedEmitTheSameQuotes() {
        MutableClock otherClock = MutableClock.atEpochSecond(0);
        SimulatedMarketFeed one = feed(4);
        SimulatedMarketFeed other = new SimulatedMarketFeed(SYMBOLS, 4, new RandomWalk(42), otherClock);
        List<Quote> fromOther = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            otherClock.advance(Duration.ofSeconds(1));
            one.emitDue(received::add);
            other.emitDue(fromOther::add);
        }
        assertThat(received).hasSize(36).isEqualTo(fromOther);
    }

    @Test
    void startEmitsOnOneDaemonThreadUntilStopped() throws InterruptedException {
        SimulatedMarketFeed feed = new SimulatedMarketFeed(SYMBOLS, 1000, new RandomWalk(42), Clock.systemUTC());
        CountDownLatch quotes = new CountDownLatch(30);
        AtomicReference<Thread> emitter = new AtomicReference<>();
        feed.start((quote) -> {
            emitter.compareAndSet(null, Thread.currentThread());
            quotes.countDown();
        });
        try {
            assertThat(quotes.await(10, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            feed.stop();
        }
        Thread thread = emitter.get();
        assertThat(thread.getName()).isEqualTo("tickwire-feed");
        assertThat(thread.isDaemon()).isTrue();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatIllegalArgumentException().isThrownBy(() -> feed(0));
        assertThatIllegalArgumentException().isThrownBy(() -> feed(Double.NaN));
    }

    private static List<String> errorLines(CapturedOutput output) {
        return output.getOut().lines().filter((line) -> line.contains("ERROR")).toList();
    }

    private SimulatedMarketFeed feed(double ticksPerSecond) {
        return new SimulatedMarketFeed(SYMBOLS, ticksPerSecond, new RandomWalk(42), clock);
    }
}
