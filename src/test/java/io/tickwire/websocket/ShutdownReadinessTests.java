package io.tickwire.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwire.TickwireApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown as a load balancer sees it: from the moment the node starts to close, readiness is down while liveness
 * stays up, and the clients are told to go, all while the web server still answers.
 */
class ShutdownReadinessTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessGoesDownWhileClientsAreSentAwayAndLivenessStaysUp() throws Exception {
        HeldShutdown held = new HeldShutdown();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TickwireApplication.class)
                .initializers(app -> ((GenericApplicationContext) app).registerBean(HeldShutdown.class, () -> held))
                .run("--server.port=0", "--tickwire.feed.symbols=AAPL", "--tickwire.shutdown.reconnect-window=0s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        try (RawWebSocket client = RawWebSocket.connect(port)) {
            client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
            client.next("subscribed");
            assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);

            client.next("shutdown");
            assertThat(client.awaitClose()).isEqualTo(1012);
            assertThat(held.stopping.await(30, TimeUnit.SECONDS)).as("the clients were sent away").isTrue();
            HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
            HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(liveness.body()).contains("\"status\":\"UP\"");
            double refused = meters.get("tickwire.handshakes.rejected").tag("reason", "shutdown").counter().count();
            assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(503);
            assertThat(meters.get("tickwire.handshakes.rejected").tag("reason", "shutdown").counter().count()).isEqualTo(refused + 1);
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> meters.get("tickwire.sessions.closed").tag("code", "1012").counter().count() == 1);

            held.release.countDown();
            closed.get(30, TimeUnit.SECONDS);
        } finally {
            held.release.countDown();
            context.close();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Holds the shutdown right after the clients were sent away and before the web server stops, until released. */
    static final class HeldShutdown implements SmartLifecycle {

        final CountDownLatch stopping = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            stopping.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return GracefulDisconnect.PHASE - 1;
        }
    }
}
