package io.tickwire.feed;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.TickPublisher;
import io.tickwire.market.UnknownSymbolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class FeedLifecycleTests {

    private final ManualFeed feed = new ManualFeed();

    private final RecordingPublisher publisher = new RecordingPublisher(List.of("AAPL"));

    private final FeedLifecycle lifecycle = new FeedLifecycle(feed, publisher, FeedLeadership.ALONE);

    @Test
    void startsTheFeedWithThePublisherAsItsSink() {
        lifecycle.start();
        feed.emit(Quote.of("AAPL", 190.01));
        assertThat(lifecycle.isRunning()).isTrue();
        assertThat(publisher.published).extracting(Quote::price).containsExactly(190.01);
    }

    @Test
    void stopsTheFeed() {
        lifecycle.start();
        lifecycle.stop();
        assertThat(feed.sink).isNull();
        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void dropsQuotesOfUnknownSymbolsAndWarnsOncePerSymbol(CapturedOutput output) {
        lifecycle.start();
        feed.emit(Quote.of("NOPE", 1));
        feed.emit(Quote.of("NOPE", 2));
        feed.emit(Quote.of("GONE", 3));
        feed.emit(Quote.of("AAPL", 190.01));
        assertThat(publisher.published).extracting(Quote::symbol).containsExactly("AAPL");
        assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).hasSize(2)
                .anySatisfy((line) -> assertThat(line).contains("NOPE"))
                .anySatisfy((line) -> assertThat(line).contains("GONE"));
    }

    @Test
    void publishesOnlyTheSymbolsThisNodeLeads() {
        RecordingPublisher both = new RecordingPublisher(List.of("AAPL", "MSFT"));
        FeedLifecycle follower = new FeedLifecycle(feed, both, "MSFT"::equals);
        follower.start();
        feed.emit(Quote.of("AAPL", 190.01));
        feed.emit(Quote.of("MSFT", 410.02));
        assertThat(both.published).extracting(Quote::symbol).containsExactly("MSFT");
    }

    @Test
    void warnsOncePerOutageOfTheHistory(CapturedOutput output) {
        publisher.down = true;
        lifecycle.start();
        feed.emit(Quote.of("AAPL", 190.01));
        feed.emit(Quote.of("AAPL", 190.02));
        publisher.down = false;
        feed.emit(Quote.of("AAPL", 190.03));
        publisher.down = true;
        feed.emit(Quote.of("AAPL", 190.04));
        assertThat(publisher.published).extracting(Quote::price).containsExactly(190.03);
        assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).hasSize(2)
                .allSatisfy((line) -> assertThat(line).contains("shared history"));
    }

    @Test
    void startsAfterTheWebServerAndStopsBeforeIt() {
        assertThat(lifecycle.getPhase()).isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
    }

    private static final class ManualFeed implements MarketFeed {

        private Consumer<Quote> sink;

        @Override
        public List<String> symbols() {
            return List.of("AAPL");
        }

        @Override
        public void start(Consumer<Quote> sink) {
            this.sink = sink;
        }

        @Override
        public void stop() {
            sink = null;
        }

        void emit(Quote quote) {
            sink.accept(quote);
        }
    }

    private static final class RecordingPublisher implements TickPublisher {

        private final List<String> symbols;

        private final List<Quote> published = new ArrayList<>();

        private boolean down;

        RecordingPublisher(List<String> symbols) {
            this.symbols = symbols;
        }

        @Override
        public Tick publish(Quote quote) {
            if (!symbols.contains(quote.symbol())) {
                throw new UnknownSymbolException(quote.symbol());
            }
            if (down) {
                throw new HistoryUnavailableException("Redis is down", null);
            }
            published.add(quote);
            return Tick.of(quote, published.size(), 0);
        }
    }
}
