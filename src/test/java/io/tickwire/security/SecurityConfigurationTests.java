package io.tickwire.security;

import io.tickwire.support.SignIn;
import io.tickwire.websocket.WebSocketProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.json.JsonContent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain in front of a real server, in public mode. The API and the socket are stand-ins, so that every
 * status here is the filter chain's doing. The socket sits on a non-default path to prove the property is honoured.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "tickwire.websocket.path=/live/prices")
@ActiveProfiles("users")
@ExtendWith(OutputCaptureExtension.class)
class SecurityConfigurationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/main.js", "/style.css" })
    void pageAndItsAssetsArePublic(String path) throws Exception {
        assertThat(send("GET", path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/symbols", "/api/symbols/AAPL/ticks?limit=5", "/api/symbols/BRK.B/ticks" })
    void symbolReadsArePublic(String path) throws Exception {
        assertThat(send("GET", path).statusCode()).isEqualTo(200);
    }

    @Test
    void webSocketHandshakeIsPublic() throws Exception {
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/live/prices"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource({ "POST, /api/ticks", "GET, /api/ticks", "POST, /api/symbols", "DELETE, /api/symbols/AAPL/ticks",
            "GET, /ws/ticker", "POST, /live/prices", "GET, /admin", "GET, /actuator/health", "GET, /assets/app.js" })
    void everythingElseIsDeniedWithAStatusNotARedirect(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path);

        assertThat(response.statusCode()).isIn(401, 403);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void deniedReadStartsNoSession() throws Exception {
        HttpResponse<String> response = send("GET", "/admin");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void publishingWithoutCredentialsIsChallengedForBasic() throws Exception {
        HttpResponse<String> response = publish(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"Tickwire\""));
    }

    @Test
    void publishingWithAWrongPasswordIs401() throws Exception {
        HttpResponse<String> response = publish(SignIn.basic("feed", "not-the-password"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void publishingNeedsThePublisherRole() throws Exception {
        HttpResponse<String> response = publish(SignIn.basic("bob", "bob-secret"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonContent(response.body())).extractingPath("$.detail").isEqualTo("User 'bob' may not POST /api/ticks");
    }

    @Test
    void publisherNeedsNoCsrfTokenAndStartsNoSession() throws Exception {
        HttpResponse<String> response = publish(SignIn.basic("feed", "feed-secret"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void otherWritesStillNeedACsrfToken() throws Exception {
        // signing out is a write that is allowed to anyone, so only the missing token can refuse it
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
                .header("Authorization", SignIn.basic("feed", "feed-secret"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    @Test
    void pageIsServedWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> response = send("GET", "/");

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; "
                + "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        // only over TLS, where a browser honours it
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void defaultSecurityHeadersAreSent() throws Exception {
        HttpResponse<String> response = send("GET", "/api/symbols");

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
    }

    @Test
    void thereIsNoLoginPageInPublicMode() throws Exception {
        assertThat(send("GET", "/login").statusCode()).isEqualTo(403);
    }

    @Test
    void noGeneratedPasswordIsPrinted(CapturedOutput output) {
        assertThat(output).contains("Started SecurityConfigurationTests").doesNotContain("generated security password");
    }

    private HttpResponse<String> publish(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ticks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"symbol\":\"AAPL\",\"price\":1.5}]"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class, UsersAutoConfiguration.class })
    @Import({ SecurityConfiguration.class, StandInApi.class })
    @EnableConfigurationProperties(WebSocketProperties.class)
    @EnableWebSocket
    static class SecuredApp implements WebSocketConfigurer {

        private final String webSocketPath;

        SecuredApp(@Value("${tickwire.websocket.path}") String webSocketPath) {
            this.webSocketPath = webSocketPath;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new TextWebSocketHandler(), webSocketPath);
        }
    }

    /** Answers every route a real client might try, so that a denial cannot be a missing handler in disguise. */
    @RestController
    static class StandInApi {

        @GetMapping("/api/symbols")
        List<String> symbols() {
            return List.of("AAPL", "BRK.B");
        }

        @GetMapping("/api/symbols/{symbol}/ticks")
        List<String> ticks(@PathVariable String symbol) {
            return List.of();
        }

        @PostMapping({ "/api/ticks", "/api/symbols" })
        void publish() {
        }
    }
}
