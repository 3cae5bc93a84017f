package io.tickwire.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much history each symbol keeps for resume and for charts.
 *
 * @param size ticks kept per symbol; a client that was away for longer gets a snapshot instead of a replay
 */
@ConfigurationProperties("tickwire.history")
@Validated
public record HistoryProperties(@DefaultValue("1000") @Min(1) @Max(1_000_000) int size) {
}
