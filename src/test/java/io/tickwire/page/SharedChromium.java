package io.tickwire.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for all the tests of a class: {@code @RegisterExtension static final SharedChromium chromium
 * = new SharedChromium();}, then {@code chromium.browser()} in the tests. Launched before the class, closed after it.
 */
final class SharedChromium implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;

    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        browser.close();
        playwright.close();
    }

    Browser browser() {
        return browser;
    }
}
