package io.tickwire.feed;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.HashSet;
import java.util.List;

/**
 * The simulated feed that runs when no other {@link MarketFeed} is defined.
 *
 * @param symbols the symbols to simulate, and so the symbols clients may subscribe to; each a wire
 * symbol (PROTOCOL.md: capitals, digits and {@code ._:/-}, at most 24 characters), no duplicates
 * @param ticksPerSecond quotes per second for each symbol; the feed emits this many times the number of
 * symbols in all, round robin
 * @param seed seed of the random walk; set it to get the same prices on every run, leave it unset for
 * different prices each time
 */
@ConfigurationProperties("tickwire.feed")
@Validated
public record FeedProperties(
        @DefaultValue({ "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BRK.B", "JPM", "V", "JNJ", "WMT",
                "XOM", "UNH", "MA", "PG", "HD", "KO", "PEP", "NFLX" })
        @NotEmpty
        // the same pattern as io.tickwire.market.Symbols.PATTERN, which an annotation cannot refer to
        List<@NotNull @Pattern(regexp = "^[A-Z0-9][A-Z0-9._:/-]{0,23}$", message = "must be a symbol as in PROTOCOL.md") String> symbols,
        @DefaultValue("2") @Positive @DecimalMax("100000") double ticksPerSecond,
        Long seed) {

    @AssertTrue(message = "symbols must not contain duplicates")
    boolean isSymbolsDistinct() {
        return symbols == null || new HashSet<>(symbols).size() == symbols.size();
    }
}
