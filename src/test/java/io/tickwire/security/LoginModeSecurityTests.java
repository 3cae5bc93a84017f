package io.tickwire.security;

import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain with {@code require-login=true}, in front of the same stand-ins as {@link SecurityConfigurationTests}:
 * a browser asking for the page is sent to the login form, anything a script or a program asks for gets a 401.
 */
@SpringBootTest(classes = SecurityConfigurationTests.SecuredApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "tickwire.websocket.path=/live/prices", "tickwire.security.require-login=true" })
@ActiveProfiles("users")
class LoginModeSecurityTests {

    private static final String HTML = "text/html,application/xhtml+xml";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/main.js" })
    void pageSendsABrowserToTheLoginForm(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of("Accept", HTML));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/login");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/symbols", "/api/symbols/AAPL/ticks", "/live/prices" })
    void apiAndSocketAnswer401NeverARedirectEvenToABrowser(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of("Accept", HTML));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"Tickwire\""));
    }

    @Test
    void pagesOwnRequestsGetA401WithoutAChallengeTheBrowserWouldPromptFor() throws Exception {
        HttpResponse<String> response = get("/api/symbols", Map.of("X-Requested-With", "XMLHttpRequest"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void loginFormAndItsStyleSheetArePublic() throws Exception {
        HttpResponse<String> form = get("/login", Map.of("Accept", HTML));

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"username\"", "name=\"_csrf\"").doesNotContain("<script");
        assertThat(get("/default-ui.css", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void signedInUserGetsThePageAndTheApi() throws Exception {
        String cookie = new SignIn(port).formLogin("bob", "bob-secret");

        assertThat(get("/", Map.of("Cookie", cookie, "Accept", HTML)).statusCode()).isEqualTo(200);
        assertThat(get("/api/symbols", Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
    }

    @Test
    void programsMaySignInWithBasic() throws Exception {
        HttpResponse<String> response = get("/api/symbols", Map.of("Authorization", SignIn.basic("bob", "bob-secret")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void wrongPasswordOnTheFormIsRefused() throws Exception {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new SignIn(port).formLogin("bob", "wrong")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sign-in failed");
    }

    @Test
    void loggedOutSessionNoLongerReachesTheApi() throws Exception {
        SignIn signIn = new SignIn(port);
        String cookie = signIn.formLogin("bob", "bob-secret");

        assertThat(signIn.logout(cookie)).isEqualTo(302);
        assertThat(get("/api/symbols", Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
