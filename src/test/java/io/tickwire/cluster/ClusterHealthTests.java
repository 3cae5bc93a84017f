package io.tickwire.cluster;

import io.tickwire.support.QuietApplication;
import io.tickwire.support.RedisServer;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness in cluster mode includes whether the node hears the tick channel, with details for an admin. */
class ClusterHealthTests {

    private final RedisServer redis = RedisServer.start();

    private final ClusterNode node = ClusterNode.start("a", redis, QuietApplication.Feed.class,
            "spring.profiles.active=users");

    @AfterEach
    void stop() {
        node.close();
        redis.close();
    }

    @Test
    void readinessSaysWhetherTheNodeHearsTheTickChannelAndProducesTheFeed() throws Exception {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode cluster = readiness().path("components").path("cluster");
            assertThat(cluster.path("status").stringValue()).isEqualTo("UP");
            assertThat(cluster.path("details").path("hearsTickChannel").asBoolean()).isTrue();
            assertThat(cluster.path("details").path("producesFeed").asBoolean()).isTrue();
            assertThat(cluster.path("details").path("node").stringValue()).startsWith("a-");
        });

        redis.stop();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode readiness = readiness();
            assertThat(readiness.path("status").stringValue()).isEqualTo("DOWN");
            assertThat(readiness.path("components").path("cluster").path("status").stringValue()).isEqualTo("DOWN");
            assertThat(readiness.path("components").path("cluster").path("details").path("redisAnswers").asBoolean())
                    .isFalse();
        });
    }

    private JsonNode readiness() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + node.port() + "/actuator/health/readiness"))
                .header("Authorization", SignIn.basic("admin", "admin-secret")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }
}
