package io.tickwire.websocket;

import io.tickwire.support.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import tools.jackson.databind.JsonNode;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wss://} with a certificate made for this run, configured through a Spring Boot SSL bundle. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL",
        "tickwire.feed.ticks-per-second=20"})
class SecureWebSocketTests {

    private static final Path directory;
    private static final SelfSignedCertificate certificate;

    static {
        try {
            directory = Files.createTempDirectory("tickwire-tls");
            certificate = SelfSignedCertificate.generateIn(directory);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serveWithTheCertificate(DynamicPropertyRegistry registry) {
        certificate.serverProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void removeTheCertificate() {
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    @Test
    void ticksArriveOverWssFromThePagesOwnHttpsOrigin() throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.setOrigin("https://localhost:" + port);

        try (TestClient client = TestClient.connectSecurely("localhost", port, headers, certificate.trustingClientContext())) {
            assertThat(client.next("welcome").path("protocol").intValue()).isEqualTo(1);
            client.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            assertThat(client.next("subscribed").path("id").intValue()).isEqualTo(1);

            JsonNode tick = client.ticks("AAPL", 3).get(2);

            assertThat(tick.path("price").doubleValue()).isPositive();
            assertThat(client.sequenceViolations()).isEmpty();
        }
    }

    @Test
    void thePagesOriginOverPlainHttpIsAnotherOriginAndRefused() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).host("localhost").tls(certificate.trustingClientContext())
                .origin("http://localhost:" + port).connect()) {
            assertThat(socket.handshake().status()).isEqualTo(403);
        }
    }

    @Test
    void thePageIsServedOverHttpsWithHsts() throws Exception {
        SSLContext tls = certificate.trustingClientContext();
        HttpResponse<String> page = HttpClient.newBuilder().sslContext(tls).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void aPlainHandshakeOnTheTlsPortIsRefused() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).connect()) {
            assertThat(socket.handshake().status()).isEqualTo(400);
        }
    }
}
