package io.tickwire.feed;

import io.tickwire.support.MutableClock;
import io.tickwire.history.TickHistory;
import io.tickwire.market.MarketAutoConfiguration;
import io.tickwire.market.Quote;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FeedAutoConfiguration.class, MarketAutoConfiguration.class));

    @Test
    void simulatesTheDefaultSymbols() {
        runner.run((context) -> {
            assertThat(context).hasSingleBean(MarketFeed.class).hasSingleBean(FeedLifecycle.class);
            assertThat(context.getBean(MarketFeed.class)).isInstanceOf(SimulatedMarketFeed.class);
            assertThat(context.getBean(MarketFeed.class).symbols()).hasSize(20).doesNotHaveDuplicates()
                    .startsWith("AAPL", "MSFT").contains("BRK.B").endsWith("NFLX");
            assertThat(context.getBean(TickHistory.class).symbols())
                    .containsExactlyElementsOf(context.getBean(MarketFeed.class).symbols());
        });
    }

    @Test
    void feedBacksOffWhenUserDefinesOne() {
        runner.withUserConfiguration(UserFeedConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(MarketFeed.class).doesNotHaveBean(SimulatedMarketFeed.class);
            assertThat(context.getBean(MarketFeed.class)).isSameAs(context.getBean("userFeed"));
            assertThat(context.getBean(TickHistory.class).symbols()).containsExactly("ACME");
        });
    }

    @Test
    void bindsProperties() {
        runner.withPropertyValues("tickwire.feed.symbols=AAPL,MSFT", "tickwire.feed.ticks-per-second=5",
                "tickwire.feed.seed=42").run((context) -> {
                    assertThat(context).hasNotFailed();
                    FeedProperties properties = context.getBean(FeedProperties.class);
                    assertThat(properties.symbols()).containsExactly("AAPL", "MSFT");
                    assertThat(properties.ticksPerSecond()).isEqualTo(5);
                    assertThat(properties.seed()).isEqualTo(42);
                    assertThat(context.getBean(MarketFeed.class).symbols()).containsExactly("AAPL", "MSFT");
                });
    }

    @Test
    void defaultsNeedNoConfiguration() {
        runner.run((context) -> {
            FeedProperties properties = context.getBean(FeedProperties.class);
            assertThat(properties.ticksPerSecond()).isEqualTo(2);
            assertThat(properties.seed()).isNull();
        });
    }

    @Test
    void publishesQuotesOnceTheContextHasStarted() {
        runner.withPropertyValues("tickwire.feed.symbols=AAPL", "tickwire.feed.ticks-per-second=200").run((context) -> {
            assertThat(context.getBean(FeedLifecycle.class).isRunning()).isTrue();
            TickHistory history = context.getBean(TickHistory.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> history.latest("AAPL").isPresent());
        });
    }

    @Test
    void usesTheClockBean() {
        MutableClock clock = MutableClock.atEpochSecond(0);
        runner.withBean(Clock.class, () -> clock).withPropertyValues("tickwire.feed.symbols=AAPL,MSFT").run((context) -> {
            context.getBean(FeedLifecycle.class).stop();
            SimulatedMarketFeed feed = (SimulatedMarketFeed) context.getBean(MarketFeed.class);
            List<Quote> quotes = new ArrayList<>();
            clock.advance(Duration.ofSeconds(1));
            assertThat(feed.emitDue(quotes::add)).isEqualTo(4);
        });
    }

    @Test
    void failsToStartWithAMalformedSymbol() {
        runner.withPropertyValues("tickwire.feed.symbols=AAPL,aapl").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tickwire.feed.symbols[1]")
                    .hasMessageContaining("aapl");
        });
    }

    @Test
    void failsToStartWithDuplicateSymbols() {
        runner.withPropertyValues("tickwire.feed.symbols=AAPL,MSFT,AAPL").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("duplicates");
        });
    }

    @Test
    void failsToStartWithNoSymbols() {
        runner.withPropertyValues("tickwire.feed.symbols=").run((context) -> assertThat(context).hasFailed());
    }

    @Test
    void failsToStartWithANonPositiveRate() {
        runner.withPropertyValues("tickwire.feed.ticks-per-second=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ticksPerSecond");
        });
        runner.withPropertyValues("tickwire.feed.ticks-per-second=-1").run((context) -> assertThat(context).hasFailed());
    }

    @Test
    void failsToStartWithAnAbsurdRate() {
        runner.withPropertyValues("tickwire.feed.ticks-per-second=1e9").run((context) -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFeedConfiguration {

        @Bean
        MarketFeed userFeed() {
            return new MarketFeed() {

                @Override
                public List<String> symbols() {
                    return List.of("ACME");
                }

                @Override
                public void start(Consumer<Quote> sink) {
                }

                @Override
                public void stop() {
                }
            };
        }
    }
}
