package io.tickwire.operations;

import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator on a port of its own, so that a crowd of WebSocket clients cannot starve the health checks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "tickwire.feed.symbols=AAPL"})
@ActiveProfiles("users")
class ManagementPortTests {

    private static final String ADMIN = SignIn.basic("admin", "admin-secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorIsServedOnTheManagementPortUnderTheSameRules() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);

        assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", ADMIN);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("tickwire_sessions_open ");
    }

    @Test
    void theApplicationPortNoLongerServesActuatorButStillTheStatusData() throws Exception {
        assertThat(get(port, "/actuator/health", null).statusCode()).isIn(401, 403, 404);
        assertThat(get(port, "/actuator/prometheus", ADMIN).statusCode()).isIn(403, 404);
        assertThat(get(port, "/api/status", ADMIN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
