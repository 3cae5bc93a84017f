package io.tickwire.operations;

import io.tickwire.support.QuietApplication;
import io.tickwire.support.SignIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations in login mode: the status page goes through the login form, and still only an ADMIN gets it. */
@QuietApplication
@TestPropertySource(properties = "tickwire.security.require-login=true")
class LoginModeOperationsTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void probesNeedNoLogin() throws Exception {
        assertThat(get("/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserIsSentToTheLoginFormAndBackToTheStatusPage() throws Exception {
        HttpResponse<String> response = get("/status.html", Map.of("Accept", "text/html"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/login");
        String cookie = response.headers().allValues("Set-Cookie").stream().map(value -> value.split(";")[0])
                .filter(value -> value.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(get("/login", Map.of("Cookie", cookie)).body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-secret&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/status.html?continue"));
    }

    @Test
    void anAdminSignedInWithTheFormGetsThePageAndItsData() throws Exception {
        String cookie = new SignIn(port).formLogin("admin", "admin-secret");

        assertThat(get("/status.html", Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
        HttpResponse<String> status = get("/api/status", Map.of("Cookie", cookie, "X-Requested-With", "XMLHttpRequest"));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"readiness\":\"ACCEPTING_TRAFFIC\"");
    }

    @Test
    void anyOtherSignedInUserIsRefused() throws Exception {
        String cookie = new SignIn(port).formLogin("bob", "bob-secret");

        assertThat(get("/status.html", Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(get("/api/status", Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
    }

    @Test
    void aScraperSignsInWithBasic() throws Exception {
        assertThat(get("/actuator/prometheus", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", Map.of("Authorization", SignIn.basic("admin", "admin-secret"))).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
