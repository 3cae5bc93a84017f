package io.tickwire.operations;

import io.tickwire.TickwireApplication;
import io.tickwire.support.QuietApplication;
import io.tickwire.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** In cluster mode a node without its Redis is alive but not ready: it must not be sent clients, nor be restarted. */
class ClusterReadinessTests {

    private final RedisServer redis = RedisServer.start();

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        redis.close();
    }

    @Test
    void readinessFollowsRedisAndLivenessDoesNot() throws Exception {
        context = new SpringApplicationBuilder(TickwireApplication.class, QuietApplication.Feed.class).run(
                "--server.port=0", "--tickwire.cluster.mode=redis", "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.timeout=500ms");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        // ready once the node has heard its first probe on the tick channel
        await().atMost(Duration.ofSeconds(5)).until(() -> status(port, "/actuator/health/readiness") == 200);

        redis.stop();

        await().atMost(Duration.ofSeconds(15)).until(() -> status(port, "/actuator/health/readiness") == 503);
        assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

        redis.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/actuator/health/readiness") == 200);
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
