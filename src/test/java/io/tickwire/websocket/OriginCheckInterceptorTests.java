package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OriginCheckInterceptorTests {

    private static final List<String> ALLOWED = List.of("https://*.example.com");

    private final MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/ws/ticker");

    private final MockHttpServletResponse servletResponse = new MockHttpServletResponse();

    OriginCheckInterceptorTests() {
        servletRequest.setScheme("https");
        servletRequest.setServerName("tickwire.test");
        servletRequest.setServerPort(8443);
        servletRequest.setRemoteAddr("203.0.113.7");
    }

    @Test
    void allowsAnOriginMatchingAnAllowedPattern() {
        assertThat(handshake(new OriginCheckInterceptor(ALLOWED, true), "https://app.example.com")).isTrue();
        assertThat(servletResponse.getStatus()).isEqualTo(200);
    }

    @Test
    void allowsTheServersOwnOriginWithAnEmptyList() {
        assertThat(handshake(new OriginCheckInterceptor(List.of(), true), "https://tickwire.test:8443")).isTrue();
    }

    @Test
    void allowsTheServersOwnOriginWhenTheListNamesOthers() {
        assertThat(handshake(new OriginCheckInterceptor(ALLOWED, false), "https://tickwire.test:8443")).isTrue();
    }

    @Test
    void allowsTheServersOwnOriginOnTheDefaultPort() {
        servletRequest.setServerPort(443);
        assertThat(handshake(new OriginCheckInterceptor(List.of(), false), "https://tickwire.test")).isTrue();
    }

    @Test
    void refusesAForeignOriginWith403() {
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "https://evil.example.org");
    }

    @Test
    void refusesTheServersHostOnAnotherSchemeOrPort() {
        assertRefused(new OriginCheckInterceptor(List.of(), false), "http://tickwire.test:8443");
        assertRefused(new OriginCheckInterceptor(List.of(), false), "https://tickwire.test:9443");
    }

    @Test
    void refusesALookAlikeOfAnAllowedPattern() {
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "https://app.example.com.evil.org");
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "http://app.example.com");
    }

    @Test
    void letsAHandshakeWithoutOriginPassWhenNoneIsRequired() {
        assertThat(handshake(new OriginCheckInterceptor(ALLOWED, false), null)).isTrue();
        assertThat(servletResponse.getStatus()).isEqualTo(200);
    }

    @Test
    void refusesAHandshakeWithoutOriginWhenOneIsRequired(CapturedOutput output) {
        assertRefused(new OriginCheckInterceptor(ALLOWED, true), null);
        assertThat(output).contains("Refused WebSocket handshake").contains("(none)");
    }

    @Test
    void refusesTheNullOrigin() {
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "null");
        assertRefused(new OriginCheckInterceptor(List.of(), false), "null");
    }

    @Test
    void logsTheRefusedOriginAtInfo(CapturedOutput output) {
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "https://evil.example.org");
        assertThat(output).containsPattern("INFO.*OriginCheckInterceptor.*https://evil\\.example\\.org");
        assertThat(output).contains("203.0.113.7");
    }

    @Test
    void logsAnOriginWithLineBreaksOnOneLine(CapturedOutput output) {
        String forged = "https://evil.example.org/\r\n2099-01-01 INFO forged entry";
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), forged);
        assertThat(output).doesNotContain(forged).doesNotContain("\r\n2099").doesNotContain("\n2099");
        assertThat(output.getOut().lines().filter(line -> line.contains("Refused WebSocket handshake")))
                .singleElement().asString().contains("https://evil.example.org/").contains("forged entry");
    }

    @Test
    void refusesAMalformedOriginWith403(CapturedOutput output) {
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "https://evil.example.org:abc");
        assertRefused(new OriginCheckInterceptor(ALLOWED, false), "https://evil example.org");
        assertThat(output).contains("https://evil.example.org:abc").contains("https://evil example.org");
    }

    @Test
    void doesNotAllowAnOriginForASecondHandshakeOnlyBecauseAnEarlierOneWasAllowed() {
        OriginCheckInterceptor interceptor = new OriginCheckInterceptor(ALLOWED, false);
        assertThat(handshake(interceptor, "https://app.example.com")).isTrue();
        MockHttpServletResponse second = new MockHttpServletResponse();
        assertThat(handshake(interceptor, "https://evil.example.org", second)).isFalse();
        assertThat(second.getStatus()).isEqualTo(HttpStatus.FORBIDDEN.value());
    }

    private void assertRefused(OriginCheckInterceptor interceptor, String origin) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(handshake(interceptor, origin, response)).as("handshake from %s", origin).isFalse();
        assertThat(response.getStatus()).as("status for %s", origin).isEqualTo(HttpStatus.FORBIDDEN.value());
    }

    private boolean handshake(OriginCheckInterceptor interceptor, String origin) {
        return handshake(interceptor, origin, servletResponse);
    }

    private boolean handshake(OriginCheckInterceptor interceptor, String origin, MockHttpServletResponse target) {
        servletRequest.removeHeader("Origin");
        if (origin != null) {
            servletRequest.addHeader("Origin", origin);
        }
        return interceptor.beforeHandshake(new ServletServerHttpRequest(servletRequest), new ServletServerHttpResponse(target),
                new TextWebSocketHandler(), new HashMap<>());
    }
}
