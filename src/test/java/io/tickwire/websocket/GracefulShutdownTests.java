package io.tickwire.websocket;

import io.tickwire.TickwireApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownTests {

    @Test
    void everyClientIsToldWhenToComeBackThenClosedWith1012() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TickwireApplication.class).run(
                "--server.port=0", "--tickwire.feed.symbols=AAPL", "--tickwire.feed.ticks-per-second=20",
                "--tickwire.shutdown.reconnect-window=3s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        List<RawWebSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawWebSocket client = RawWebSocket.connect(port);
                client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
                client.next("subscribed");
                clients.add(client);
            }

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::close);

            for (RawWebSocket client : clients) {
                long reconnectAfterMs = client.next("shutdown").path("reconnectAfterMs").longValue();
                assertThat(reconnectAfterMs).isBetween(0L, 3_000L);
                assertThat(client.awaitClose()).isEqualTo(1012);
            }
            stopped.get(30, TimeUnit.SECONDS);
            assertThat(context.isActive()).isFalse();
        } finally {
            context.close();
            for (RawWebSocket client : clients) {
                client.close();
            }
        }
    }
}
