package io.tickwire.websocket;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What clients are told when the server stops.
 *
 * @param reconnectWindow each client is asked to come back after a random delay within this window, so that
 *        they do not all return at once
 * @param drainTimeout how long to wait for every client to be sent {@code shutdown} and closed before the rest
 *        of the server stops
 */
@ConfigurationProperties("tickwire.shutdown")
@Validated
public record ShutdownProperties(
        @DefaultValue("10s") @NotNull Duration reconnectWindow,
        @DefaultValue("5s") @NotNull Duration drainTimeout) {
}
