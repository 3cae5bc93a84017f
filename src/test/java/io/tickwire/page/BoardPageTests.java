package io.tickwire.page;

import io.tickwire.support.Frames;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL,AMZN",
        "tickwire.feed.ticks-per-second=10"})
class BoardPageTests {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    private Page page;

    @BeforeEach
    void openPage() {
        page = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void boardFillsAndPricesMove() {
        page.navigate(base() + "/");

        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
        assertThat(page.locator("#board tbody tr[data-symbol]")).hasCount(4);
        long firstSeq = seqOf("AAPL");
        waitUntil(10, () -> seqOf("AAPL") > firstSeq);
        assertThat(page.locator("#board tbody tr[data-symbol=AAPL] [data-cell=price]")).not().isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "board.png")));
    }

    @Test
    void symbolsCanBeRemovedAndAddedAndTheChoiceIsRemembered() {
        page.navigate(base() + "/?symbols=AAPL,MSFT");
        assertThat(page.locator("#board tbody tr[data-symbol]")).hasCount(2);

        page.locator("#board tbody tr[data-symbol=MSFT] [data-action=remove]").click();
        assertThat(page.locator("#board tbody tr[data-symbol=MSFT]")).hasCount(0);
        page.locator("#add-symbol").selectOption("GOOGL");
        page.locator("#add-symbol-button").click();

        Locator google = page.locator("#board tbody tr[data-symbol=GOOGL]");
        google.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        waitUntil(10, () -> seqOf("GOOGL") > 0);
        assertThat(page).hasURL(Pattern.compile(".*symbols=AAPL(%2C|,)GOOGL.*"));

        page.navigate(base() + "/");
        assertThat(page.locator("#board tbody tr[data-symbol]")).hasCount(2);
        assertThat(page.locator("#board tbody tr[data-symbol=GOOGL]")).hasCount(1);
    }

    @Test
    void risingAndFallingPricesFlash() {
        page.navigate(base() + "/?symbols=AAPL,MSFT,GOOGL,AMZN");

        waitUntil(10, () -> page.locator("[data-cell=price][data-flash^=up]").count() > 0
                && page.locator("[data-cell=price][data-flash^=down]").count() > 0);
    }

    @Test
    void boardIsUsableFromTheKeyboard() {
        page.navigate(base() + "/?symbols=AAPL,MSFT");
        assertThat(page.locator("#board tbody tr[data-symbol]")).hasCount(2);

        page.locator("#board tbody tr[data-symbol=AAPL]").focus();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");

        assertThat(page.locator("#board tbody tr[data-symbol=MSFT]")).hasAttribute("aria-current", "true");
        assertThat(page.locator("#chart [data-part=symbol]")).hasText("MSFT");
    }

    @Test
    void fitsAPhoneInDarkMode() {
        Page phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK)).newPage();
        try {
            phone.navigate(base() + "/");
            assertThat(phone.locator("#connection-badge")).hasAttribute("data-status", "live");

            Object overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            Object luminance = phone.evaluate("() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor"
                    + ".match(/\\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }");
            org.assertj.core.api.Assertions.assertThat(((Number) luminance).doubleValue()).isLessThan(0.3);
            phone.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "board-phone-dark.png")));
        } finally {
            phone.context().close();
        }
    }

    @Test
    void cutConnectionIsResumedWithoutGapOrDuplicate() {
        List<WebSocketRoute> routes = new CopyOnWriteArrayList<>();
        List<WebSocketRoute> servers = new CopyOnWriteArrayList<>();
        List<List<String>> fromServer = new CopyOnWriteArrayList<>();
        List<List<String>> fromPage = new CopyOnWriteArrayList<>();
        page.routeWebSocket(Pattern.compile(".*/ws/ticker"), route -> {
            List<String> down = new CopyOnWriteArrayList<>();
            List<String> up = new CopyOnWriteArrayList<>();
            fromServer.add(down);
            fromPage.add(up);
            WebSocketRoute server = route.connectToServer();
            route.onMessage(frame -> {
                up.add(frame.text());
                server.send(frame.text());
            });
            server.onMessage(frame -> {
                down.add(frame.text());
                route.send(frame.text());
            });
            servers.add(server);
            routes.add(route);
        });
        page.navigate(base() + "/?symbols=AAPL");
        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
        recordSeqChanges("AAPL");
        waitUntil(10, () -> ticks(fromServer.get(0), "AAPL").size() >= 10);

        servers.get(0).close();
        routes.get(0).close(new WebSocketRoute.CloseOptions().setCode(1001).setReason("cut by the test"));
        long lastBeforeCut = ticks(fromServer.get(0), "AAPL").stream().mapToLong(t -> t.path("seq").longValue()).max().orElseThrow();

        waitUntil(30, () -> routes.size() == 2 && subscribed(fromServer.get(1)) != null);
        JsonNode resume = subscribeRequest(fromPage.get(1)).path("resume").path("AAPL");
        JsonNode entry = subscribed(fromServer.get(1)).path("subscriptions").get(0);
        assertThat(resume.path("seq").longValue()).isEqualTo(lastBeforeCut);
        assertThat(entry.path("recovered").booleanValue()).isTrue();
        List<Long> replayed = new ArrayList<>();
        entry.path("replay").forEach(tick -> replayed.add(tick.path("seq").longValue()));
        for (int i = 0; i < replayed.size(); i++) {
            assertThat(replayed.get(i)).isEqualTo(lastBeforeCut + 1 + i);
        }
        long resumedAt = entry.path("seq").longValue();
        waitUntil(10, () -> seqOf("AAPL") > resumedAt + 3);

        assertThat(page.locator("#connection-badge")).hasAttribute("data-status", "live");
        assertThat(page.locator("body")).not().hasAttribute("data-gaps", Pattern.compile(".*"));
        // the board may write the same value again when it redraws a row; it must never go back
        List<Long> shown = seqChanges();
        for (int i = 1; i < shown.size(); i++) {
            assertThat(shown.get(i)).as("the row's seq never goes back: %s", shown).isGreaterThanOrEqualTo(shown.get(i - 1));
        }
        assertThat(shown).anyMatch(seq -> seq > resumedAt);
    }

    /** Waits while Playwright keeps dispatching the page's and the routes' events, which it does only on this thread. */
    private void waitUntil(int seconds, java.util.function.BooleanSupplier condition) {
        page.waitForCondition(condition, new Page.WaitForConditionOptions().setTimeout(Duration.ofSeconds(seconds).toMillis()));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private long seqOf(String symbol) {
        String seq = page.locator("#board tbody tr[data-symbol=" + symbol + "]").getAttribute("data-seq");
        return seq == null || seq.isEmpty() ? 0 : Long.parseLong(seq);
    }

    private void recordSeqChanges(String symbol) {
        page.evaluate("symbol => { window.__seqs = []; const row = document.querySelector(`#board tbody tr[data-symbol=\"${symbol}\"]`);"
                + " new MutationObserver(() => window.__seqs.push(Number(row.dataset.seq)))"
                + ".observe(row, {attributes: true, attributeFilter: ['data-seq']}); }", symbol);
    }

    @SuppressWarnings("unchecked")
    private List<Long> seqChanges() {
        List<Object> raw = (List<Object>) page.evaluate("() => window.__seqs");
        return raw.stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static List<JsonNode> ticks(List<String> frames, String symbol) {
        List<JsonNode> ticks = new ArrayList<>();
        for (JsonNode message : messages(frames)) {
            if ("tick".equals(message.path("type").stringValue()) && symbol.equals(message.path("symbol").stringValue())) {
                ticks.add(message);
            }
        }
        return ticks;
    }

    private static JsonNode subscribed(List<String> frames) {
        return messages(frames).stream().filter(m -> "subscribed".equals(m.path("type").stringValue())).findFirst().orElse(null);
    }

    private static JsonNode subscribeRequest(List<String> frames) {
        return messages(frames).stream().filter(m -> "subscribe".equals(m.path("type").stringValue())).findFirst().orElseThrow();
    }

    private static List<JsonNode> messages(List<String> frames) {
        return Frames.messages(frames);
    }
}
