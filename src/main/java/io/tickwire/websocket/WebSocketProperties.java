package io.tickwire.websocket;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * The WebSocket endpoint.
 *
 * @param path where clients connect
 * @param allowedOrigins origin patterns allowed to open a socket, such as {@code https://*.example.com};
 *        empty means the page's own origin only
 * @param requireOrigin also refuse handshakes that carry no {@code Origin} header (non-browser clients send none)
 * @param heartbeat how often each client gets a {@code heartbeat} and a ping; a client that answers nothing for
 *        two intervals is closed, and a client that hears nothing for two intervals treats the connection as dead
 * @param compression negotiate {@code permessage-deflate} when a client offers it; costs CPU and memory per
 *        connection, so it is off unless asked for
 */
@ConfigurationProperties("tickwire.websocket")
@Validated
public record WebSocketProperties(
        @DefaultValue("/ws/ticker") @Pattern(regexp = "/\\S*") String path,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("false") boolean requireOrigin,
        @DefaultValue("15s") @NotNull Duration heartbeat,
        @DefaultValue("false") boolean compression) {
}
