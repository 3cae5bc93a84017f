package io.tickwire.operations;

import io.tickwire.support.QuietApplication;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.json.JsonContent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator and the status data in public mode: probes and info for anyone, details and metrics for an ADMIN only,
 * whatever the market data's mode.
 */
@QuietApplication
class ActuatorEndpointsTests {

    private static final String ADMIN = SignIn.basic("admin", "admin-secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthAndProbesAreOpenAndSayOnlyUp(String path) throws Exception {
        HttpResponse<String> response = get(path, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$.status").isEqualTo("UP");
        assertThat(response.body()).doesNotContain("components", "details");
    }

    @Test
    void anAdminSeesWhatHealthIsMadeOf() throws Exception {
        HttpResponse<String> response = get("/actuator/health", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonContent(response.body())).extractingPath("$.components.readinessState.status").isEqualTo("UP");
        // the node runs without Redis in local mode, so Redis is no part of its health
        assertThat(response.body()).doesNotContain("redis");
    }

    @Test
    void readinessWaitsForNothingButTheApplicationInLocalMode() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness", ADMIN);

        assertThat(new JsonContent(response.body())).extractingPath("$.components").asMap()
                .containsOnlyKeys("readinessState");
    }

    @Test
    void infoTellsTheBuildAndTheCommit() throws Exception {
        HttpResponse<String> response = get("/actuator/info", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonContent info = new JsonContent(response.body());
        assertThat(info).extractingPath("$.build.artifact").isEqualTo("tickwire");
        assertThat(info).extractingPath("$.build.version").asString().isNotBlank();
        assertThat(info).extractingPath("$.git.commit.id").asString().hasSizeGreaterThanOrEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/tickwire.sessions.open",
            "/api/status" })
    void operationalDataNeedsAnAdmin(String path) throws Exception {
        HttpResponse<String> anonymous = get(path, null);
        HttpResponse<String> reader = get(path, SignIn.basic("bob", "bob-secret"));
        HttpResponse<String> publisher = get(path, SignIn.basic("feed", "feed-secret"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"Tickwire\""));
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(publisher.statusCode()).isEqualTo(403);
        assertThat(get(path, ADMIN).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump" })
    void nothingElseOfActuatorIsServedEvenToAnAdmin(String path) throws Exception {
        assertThat(get(path, ADMIN).statusCode()).isIn(403, 404);
    }

    @Test
    void prometheusExposesEveryTickwireMeter() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", ADMIN);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains(
                "tickwire_sessions_open ",
                "tickwire_subscriptions ",
                "tickwire_ticks_published_total ",
                "tickwire_sent_messages_total ",
                "tickwire_sent_bytes_total ",
                "tickwire_batch_size_messages_count ",
                "tickwire_ticks_conflated_total{cause=\"backlog\"}",
                "tickwire_ticks_conflated_total{cause=\"max_rate\"}",
                "tickwire_sessions_closed_total{code=\"4009\"}",
                "tickwire_sessions_closed_total{code=\"other\"}",
                "tickwire_handshakes_rejected_total{reason=\"origin\"}",
                "tickwire_handshakes_rejected_total{reason=\"auth\"}",
                "tickwire_handshakes_rejected_total{reason=\"rate\"}",
                "tickwire_handshakes_rejected_total{reason=\"capacity\"}",
                "tickwire_handshakes_rejected_total{reason=\"shutdown\"}",
                "tickwire_resumes_total{outcome=\"recovered\"}",
                "tickwire_resumes_total{outcome=\"not_recovered\"}",
                "tickwire_delivery_delay_seconds_bucket{le=\"0.1\"}",
                "tickwire_delivery_delay_seconds_count ");
    }

    @Test
    void statusPageChallengesForALoginAndServesAnAdmin() throws Exception {
        HttpResponse<String> anonymous = get("/status.html", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> admin = get("/status.html", ADMIN);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("<script type=\"module\" src=\"status.js\"></script>");
        assertThat(admin.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'"));
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
