package io.tickwire.websocket;

import io.tickwire.session.SessionRegistry;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.socket.WebSocketHttpHeaders;

import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket with {@code require-login=true}: who gets through the handshake, and as whom. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.security.require-login=true",
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL",
        "tickwire.feed.ticks-per-second=20"})
@ActiveProfiles("users")
class LoginHandshakeTests {

    private static final String BOB = SignIn.basic("bob", "bob-secret");

    @LocalServerPort
    int port;

    @Autowired
    SessionRegistry registry;

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" })
    void handshakeWithoutLoginIs401AndNeverARedirect(String accept) throws Exception {
        RawWebSocket.Options options = RawWebSocket.to(port).subprotocol(TickerWebSocketHandler.SUBPROTOCOL);
        if (accept != null) {
            options.header("Accept", accept);
        }
        try (RawWebSocket socket = options.connect()) {
            assertThat(socket.handshake().status()).isEqualTo(401);
            assertThat(socket.handshake().header("Location")).isNull();
            assertThat(socket.handshake().header("WWW-Authenticate")).startsWith("Basic realm=\"Tickwire\"");
        }
    }

    @Test
    void handshakeWithAWrongPasswordIs401() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).header("Authorization", SignIn.basic("bob", "nope")).connect()) {
            assertThat(socket.handshake().status()).isEqualTo(401);
        }
    }

    @Test
    void handshakeWithACookieOfNoSessionIs401() throws Exception {
        try (RawWebSocket socket = RawWebSocket.to(port).header("Cookie", "JSESSIONID=0123456789ABCDEF").connect()) {
            assertThat(socket.handshake().status()).isEqualTo(401);
        }
    }

    @Test
    void basicAuthenticatedSocketCarriesItsUser() throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Authorization", BOB);
        try (TestClient client = TestClient.connect(port, "/ws/ticker", headers)) {
            assertThat(principalOf(client)).isEqualTo("bob");
        }
    }

    @Test
    void formSignedInSocketCarriesItsUser() throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Cookie", new SignIn(port).formLogin("alice", "alice-secret"));
        try (TestClient client = TestClient.connect(port, "/ws/ticker", headers)) {
            assertThat(principalOf(client)).isEqualTo("alice");
        }
    }

    @Test
    void signedInUserIsStillHeldToTheOriginAllowList() throws Exception {
        assertThat(handshakeStatus(BOB, "https://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(BOB, "null")).isEqualTo(403);
        assertThat(handshakeStatus(BOB, null)).isEqualTo(101);
        assertThat(handshakeStatus(BOB, "http://127.0.0.1:" + port)).isEqualTo(101);
    }

    @Test
    void aForeignOriginIsRefusedBeforeAnyPasswordIsCheckedSoItLearnsNothingOfOne() throws Exception {
        assertThat(handshakeStatus(null, "https://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(SignIn.basic("bob", "wrong"), "https://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(BOB, "https://evil.example")).isEqualTo(403);
    }

    private int handshakeStatus(String authorization, String origin) throws Exception {
        RawWebSocket.Options options = RawWebSocket.to(port).origin(origin);
        if (authorization != null) {
            options.header("Authorization", authorization);
        }
        try (RawWebSocket socket = options.connect()) {
            return socket.handshake().status();
        }
    }

    /**
     * The name the server holds for the client's connection, found by the session id of its {@code welcome}, which
     * the server sends once the connection is registered.
     */
    private String principalOf(TestClient client) throws Exception {
        String session = client.next("welcome").path("session").stringValue();
        Principal principal = registry.find(session).orElseThrow().socket().getPrincipal();
        return principal == null ? null : principal.getName();
    }
}
