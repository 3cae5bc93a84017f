package io.tickwire.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSecurityPolicyTests {

    @Test
    void pageOwnOriginOnlyByDefault() {
        assertThat(ContentSecurityPolicy.forAllowedOrigins(List.of())).isEqualTo("default-src 'self'; script-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    @Test
    void allowedOriginsBecomeTheSocketOriginsOfTheirScheme() {
        assertThat(ContentSecurityPolicy.connectSources(List.of("https://*.example.com", "http://localhost:8080",
                "https://quotes.example.org:[8443,9443]", "http://localhost:[*]")))
                .containsExactly("'self'", "wss://*.example.com", "ws://localhost:8080", "wss://quotes.example.org:8443",
                        "wss://quotes.example.org:9443", "ws://localhost:*");
    }

    @Test
    void anyOriginMeansAnySocket() {
        assertThat(ContentSecurityPolicy.connectSources(List.of("*"))).containsExactly("'self'", "ws:", "wss:");
    }

    @Test
    void patternsCspCannotExpressAreLeftOut() {
        assertThat(ContentSecurityPolicy.connectSources(List.of("https://app.*.example.com", "chrome-extension://abc")))
                .containsExactly("'self'");
    }
}
