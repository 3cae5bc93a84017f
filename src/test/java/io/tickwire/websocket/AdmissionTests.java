package io.tickwire.websocket;

import io.tickwire.session.SessionRegistry;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL",
        "tickwire.limits.max-connections=3",
        "tickwire.limits.retry-after=7s"})
class AdmissionTests {

    @LocalServerPort
    int port;

    @Autowired
    SessionRegistry registry;

    @BeforeEach
    void startEmpty() {
        // connections of an earlier test close asynchronously and still count until they have
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.size() == 0);
    }

    @Test
    void fullNodeAnswers503WithRetryAfterAndKeepsServingHttp() throws Exception {
        try (TestClient first = TestClient.connect(port); TestClient second = TestClient.connect(port); TestClient third = TestClient.connect(port)) {
            // the client may see its 101 a moment before the server has registered the session
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 3);
            RawWebSocket.Handshake refused = RawWebSocket.to(port).connect().handshake();

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("7");
            HttpResponse<String> api = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/symbols")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            first.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 0);

        assertThat(RawWebSocket.handshakeStatus(port, "/ws/ticker", null)).isEqualTo(101);
    }

    /** Spring's test framework stops a cached application between test classes and starts it again when reused. */
    @Test
    void handshakesAreAdmittedAgainWhenTheApplicationStartsAfterAStop(@Autowired ServletWebServerApplicationContext context)
            throws Exception {
        context.stop();
        context.start();

        assertThat(RawWebSocket.handshakeStatus(context.getWebServer().getPort(), "/ws/ticker", null)).isEqualTo(101);
    }

    @Test
    void containerConnectionLimitIsAboveOurs(@Autowired ServletWebServerApplicationContext context) {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("maxConnections")).isEqualTo(3 + ContainerConfiguration.HTTP_HEADROOM);
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString(String.valueOf(ContainerConfiguration.SOCKET_READ_BUFFER_BYTES));
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString(String.valueOf(ContainerConfiguration.SOCKET_WRITE_BUFFER_BYTES));
    }

    @Test
    void permessageDeflateIsNotNegotiatedByDefault() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).extensions("permessage-deflate; client_max_window_bits").connect()) {
            assertThat(socket.handshake().status()).isEqualTo(101);
            assertThat(socket.handshake().header("Sec-WebSocket-Extensions")).isNull();
            assertThat(socket.next("welcome").path("protocol").intValue()).isEqualTo(1);
        }
    }
}
