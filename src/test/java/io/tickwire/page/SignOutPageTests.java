package io.tickwire.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The page with {@code require-login=true}: signed in through the form, and signed out from another tab. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.security.require-login=true",
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL",
        "tickwire.feed.ticks-per-second=10"})
@ActiveProfiles("users")
class SignOutPageTests {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    private BrowserContext browserContext;
    private Page page;
    private final List<String> sockets = new CopyOnWriteArrayList<>();
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openPage() {
        browserContext = chromium.browser().newContext();
        page = browserContext.newPage();
        page.onWebSocket(socket -> sockets.add(socket.url()));
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                policyViolations.add(message.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        browserContext.close();
    }

    @Test
    void signedInPageRunsUnderItsPolicyAndStopsForGoodWhenSignedOutElsewhere() {
        page.navigate(base() + "/");
        assertThat(page).hasURL(base() + "/login");
        page.locator("input[name=username]").fill("alice");
        page.locator("input[name=password]").fill("alice-secret");
        page.locator("button[type=submit]").click();

        // back to the page it asked for; "continue" tells Spring Security to look for the saved request
        assertThat(page).hasURL(Pattern.compile(":" + port + "/(\\?continue)?$"));
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
        // alice sees AAPL only: the symbol list the page builds its board from holds nothing else
        assertThat(page.locator("#board tbody tr[data-symbol]")).hasCount(1);
        assertThat(page.locator("#board tbody tr[data-symbol=AAPL]")).hasCount(1);

        Page otherTab = browserContext.newPage();
        otherTab.navigate(base() + "/logout");
        otherTab.locator("button[type=submit]").click();
        assertThat(otherTab).hasURL(Pattern.compile(".*/login\\?logout"));

        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "stopped");
        assertThat(page.locator("#connection-badge [data-part=label]")).hasText("Signed out");
        assertThat(page.locator("#connection-badge")).hasAttribute("title", "Close code 1008");
        assertThat(page.locator("#reconnect")).isHidden();
        assertThat(page.locator("#connection-badge [data-part=countdown]")).isEmpty();
        assertThat(sockets).hasSize(1);
        assertThat(policyViolations).isEmpty();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
