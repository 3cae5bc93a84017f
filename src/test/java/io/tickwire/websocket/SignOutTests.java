package io.tickwire.websocket;

import io.tickwire.support.SignIn;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** When the HTTP session a socket was opened in ends, the socket is closed with 1008; no other socket is. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.security.require-login=true",
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL",
        "tickwire.feed.ticks-per-second=20"})
@ActiveProfiles("users")
class SignOutTests {

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void logoutClosesEverySocketOfThatSessionWith1008AndNoOther() throws Exception {
        SignIn signIn = new SignIn(port);
        String session = signIn.formLogin("alice", "alice-secret");
        String otherSession = signIn.formLogin("alice", "alice-secret");
        try (TestClient first = connect("Cookie", session); TestClient second = connect("Cookie", session);
             TestClient otherTab = connect("Cookie", otherSession);
             TestClient program = connect("Authorization", SignIn.basic("alice", "alice-secret"))) {

            assertThat(signIn.logout(session)).isEqualTo(302);

            // Tomcat may close them first, with its own reason: the code is what the page acts on
            assertThat(first.awaitClose().getCode()).isEqualTo(1008);
            assertThat(second.awaitClose().getCode()).isEqualTo(1008);
            assertStillOpen(otherTab);
            assertStillOpen(program);
        }
    }

    @Test
    void expiredSessionClosesItsSocketsWith1008() throws Exception {
        String cookie = new SignIn(port).formLogin("bob", "bob-secret");
        try (TestClient client = connect("Cookie", cookie)) {
            client.next("welcome");

            httpSession(SignIn.sessionId(cookie)).expire();

            assertThat(client.awaitClose().getCode()).isEqualTo(1008);
        }
    }

    /**
     * The event alone, without the container's session ending: Tomcat closes sockets of an ended session itself,
     * which would hide whether Tickwire does (with Spring Session, say, only the event comes).
     */
    @Test
    void sessionDestroyedEventClosesTheSessionsSockets() throws Exception {
        String cookie = new SignIn(port).formLogin("bob", "bob-secret");
        try (TestClient client = connect("Cookie", cookie); TestClient other = connect("Authorization", SignIn.basic("bob", "bob-secret"))) {
            client.next("welcome");

            context.publishEvent(new HttpSessionDestroyedEvent(httpSession(SignIn.sessionId(cookie)).getSession()));

            assertThat(client.awaitClose()).isEqualTo(CloseStatus.POLICY_VIOLATION.withReason("signed out"));
            assertStillOpen(other);
        }
    }

    @Test
    void signingInAgainInTheSameSessionKeepsItsSocketsTiedToIt() throws Exception {
        SignIn signIn = new SignIn(port);
        String before = signIn.formLogin("bob", "bob-secret");
        try (TestClient client = connect("Cookie", before)) {
            client.next("welcome");

            String after = signIn.formLoginAgain(before, "bob", "bob-secret");
            assertThat(after).isNotEqualTo(before);
            assertStillOpen(client);
            signIn.logout(after);

            // Tomcat lost track of the socket when the id changed: this close is Tickwire's
            assertThat(client.awaitClose()).isEqualTo(CloseStatus.POLICY_VIOLATION.withReason("signed out"));
        }
    }

    private TestClient connect(String header, String value) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add(header, value);
        return TestClient.connect(port, "/ws/ticker", headers);
    }

    private static void assertStillOpen(TestClient client) throws Exception {
        client.send("{\"type\":\"ping\",\"id\":\"still-open\",\"ts\":1}");
        assertThat(client.next("pong").path("id").stringValue()).isEqualTo("still-open");
    }

    /** The container's own session, to end it as its expiry timer would. */
    private Session httpSession(String id) throws Exception {
        Context webapp = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
        return webapp.getManager().findSession(id);
    }
}
