package io.tickwire.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.HttpCredentials;
import io.tickwire.support.QuietApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The status page in headless Chromium, signed in as an ADMIN with the browser's own Basic login. */
@QuietApplication
class StatusPageTests {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    private Page page;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openPage() {
        page = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setHttpCredentials(new HttpCredentials("admin", "admin-secret"))).newPage();
        // a script the Content-Security-Policy refused, or one that threw, shows here
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(consoleErrors::add);
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void showsTheNodeLiveWithTheClientsConnected() throws Exception {
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/ticker"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        try {
            page.navigate("http://127.0.0.1:" + port + "/status.html");

            assertThat(page.locator("#readiness")).hasAttribute("data-status", "live");
            assertThat(page.locator("#readiness [data-part=label]")).hasText("Ready");
            assertThat(page.locator("[data-figure=sessions] [data-part=value]")).hasText(Pattern.compile("^[1-9]\\d*$"));
            assertThat(page.locator("#refusals tbody tr")).hasCount(5);
            assertThat(page.locator("#resumes tbody tr")).hasCount(2);
            assertThat(page.locator("#notice")).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "status.png")));
            assertThat(consoleErrors).isEmpty();
        } finally {
            client.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUserWithoutTheAdminRoleIsToldWhatIsMissing() {
        Page reader = chromium.browser().newContext(new Browser.NewContextOptions()
                .setHttpCredentials(new HttpCredentials("bob", "bob-secret"))).newPage();
        try {
            reader.navigate("http://127.0.0.1:" + port + "/status.html");

            assertThat(reader.locator("body")).containsText("User 'bob' may not GET /status.html");
        } finally {
            reader.context().close();
        }
    }
}
