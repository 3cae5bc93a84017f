package io.tickwire.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.tickwire.TickwireApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The page against a server that goes away and comes back on the same address, as in a restart. */
class ServerRestartPageTests {

    private final int port = freePort();
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private ConfigurableApplicationContext server;

    @BeforeEach
    void start() {
        server = startServer();
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        page = browser.newPage();
    }

    @AfterEach
    void stop() {
        browser.close();
        playwright.close();
        server.close();
    }

    @Test
    void pageComesBackByItselfAfterTheServerRestarts() {
        page.navigate("http://127.0.0.1:" + port + "/?symbols=AAPL");
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");

        server.close();
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", Pattern.compile("reconnecting|connecting"));
        server = startServer();

        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(45_000));
        long seqAfterRestart = seqOf("AAPL");
        page.waitForCondition(() -> seqOf("AAPL") > seqAfterRestart,
                new Page.WaitForConditionOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
    }

    @Test
    void tabThatBecomesVisibleReconnectsAtOnceInsteadOfWaitingOutTheBackoff() {
        page.navigate("http://127.0.0.1:" + port + "/?symbols=AAPL");
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
        server.close();
        // let the backoff grow until the next attempt is far enough away to tell "at once" from "after the delay"
        page.waitForCondition(() -> retryInMs() >= 4_000,
                new Page.WaitForConditionOptions().setTimeout(Duration.ofSeconds(60).toMillis()));
        server = startServer();
        long retryIn = retryInMs();

        long before = System.nanoTime();
        setVisibility(true);
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(retryIn - 500));

        org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - before).toMillis()).isLessThan(retryIn);
    }

    @Test
    void kioskStopsAfterItsAttemptsAndReconnectsWhenAsked() {
        page.navigate("http://127.0.0.1:" + port + "/?symbols=AAPL&maxAttempts=2");
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");

        server.close();
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "stopped",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(page.locator("#reconnect")).isVisible();
        server = startServer();
        page.locator("#reconnect").click();

        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
    }

    private ConfigurableApplicationContext startServer() {
        return new SpringApplicationBuilder(TickwireApplication.class).run("--server.port=" + port,
                "--tickwire.feed.symbols=AAPL", "--tickwire.feed.ticks-per-second=10", "--tickwire.shutdown.reconnect-window=0s");
    }

    private long seqOf(String symbol) {
        String seq = page.locator("#board tbody tr[data-symbol=" + symbol + "]").getAttribute("data-seq");
        return seq == null || seq.isEmpty() ? 0 : Long.parseLong(seq);
    }

    /** Milliseconds until the page's next attempt, as its badge shows it; 0 when none is scheduled. */
    private long retryInMs() {
        Object retryAt = page.evaluate("() => Number(document.querySelector('#connection-badge').dataset.retryAt || 0)");
        long at = ((Number) retryAt).longValue();
        return at == 0 ? 0 : at - ((Number) page.evaluate("() => Date.now()")).longValue();
    }

    private void setVisibility(boolean visible) {
        page.evaluate("visible => { Object.defineProperty(document, 'hidden', {value: !visible, configurable: true});"
                + " Object.defineProperty(document, 'visibilityState', {value: visible ? 'visible' : 'hidden', configurable: true});"
                + " document.dispatchEvent(new Event('visibilitychange')); }", visible);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
