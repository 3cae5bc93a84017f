package io.tickwire.feed;

import io.tickwire.market.Quote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomWalkTests {

    @Test
    void sameSeedGivesTheSameQuotes() {
        assertThat(quotes(new RandomWalk(42), "AAPL", 500)).isEqualTo(quotes(new RandomWalk(42), "AAPL", 500));
    }

    @Test
    void differentSeedsGiveDifferentQuotes() {
        assertThat(quotes(new RandomWalk(42), "AAPL", 50)).isNotEqualTo(quotes(new RandomWalk(43), "AAPL", 50));
    }

    @Test
    void symbolsWalkIndependentlyOfEachOther() {
        RandomWalk alone = new RandomWalk(7);
        RandomWalk interleaved = new RandomWalk(7);
        List<Quote> expected = quotes(alone, "MSFT", 100);
        List<Quote> actual = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            interleaved.next("AAPL");
            actual.add(interleaved.next("MSFT"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void differentSymbolsTakeDifferentPaths() {
        assertThat(quotes(new RandomWalk(7), "ABC", 20)).extracting(Quote::price)
                .isNotEqualTo(quotes(new RandomWalk(7), "XYZ", 20).stream().map(Quote::price).toList());
    }

    @Test
    void knownSymbolsStartAtRealisticPrices() {
        RandomWalk walk = new RandomWalk(1);
        assertThat(walk.next("AAPL").open()).isEqualTo(190.0);
        assertThat(walk.next("MSFT").open()).isEqualTo(410.0);
        assertThat(walk.next("BRK.B").open()).isEqualTo(410.0);
    }

    @Test
    void otherSymbolsStartBetweenTenAndFiveHundredDependingOnTheSeed() {
        List<Double> opens = IntStream.range(0, 200).mapToObj((seed) -> new RandomWalk(seed).next("ZZZZ").open())
                .toList();
        assertThat(opens).allSatisfy((open) -> assertThat(open).isBetween(10.0, 500.0));
        assertThat(opens.stream().distinct().count()).isGreaterThan(150);
    }

    @Test
    void quotesAreWellFormedAllAlongTheWalk() {
        for (String symbol : List.of("AAPL", "KO", "OTHER")) {
            List<Quote> quotes = quotes(new RandomWalk(3), symbol, 10_000);
            double open = quotes.get(0).open();
            long previousVolume = 0;
            for (Quote quote : quotes) {
                assertThat(quote.symbol()).isEqualTo(symbol);
                assertThat(quote.price()).isPositive();
                assertThat(quote.bid()).isPositive().isLessThan(quote.ask()).isLessThanOrEqualTo(quote.price());
                assertThat(quote.ask()).isGreaterThanOrEqualTo(quote.price());
                assertThat(quote.ask() - quote.bid()).isLessThanOrEqualTo(Math.max(0.01, quote.price() * 0.0001) + 0.005);
                assertThat(List.of(quote.price(), quote.bid(), quote.ask(), quote.open()))
                        .allSatisfy((value) -> assertThat(BigDecimal.valueOf(value).scale()).isLessThanOrEqualTo(2));
                assertThat(quote.volume()).isGreaterThan(previousVolume);
                assertThat((quote.volume() - previousVolume) % 100).isZero();
                assertThat(quote.open()).isEqualTo(open);
                previousVolume = quote.volume();
            }
        }
    }

    @Test
    void priceMoves() {
        List<Quote> quotes = quotes(new RandomWalk(5), "AAPL", 1_000);
        assertThat(quotes.stream().map(Quote::price).distinct().count()).isGreaterThan(50);
        // about 5 bp a step: after 1000 steps the price has wandered a few percent, not halved or doubled
        assertThat(quotes.get(quotes.size() - 1).price()).isBetween(190.0 * 0.7, 190.0 * 1.3);
    }

    private static List<Quote> quotes(RandomWalk walk, String symbol, int count) {
        return IntStream.range(0, count).mapToObj((i) -> walk.next(symbol)).toList();
    }
}
