package io.tickwire.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketBufferSizingTests {

    private String saved;

    @BeforeEach
    void saveProperty() {
        saved = System.getProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE);
        System.clearProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE);
        } else {
            System.setProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE, saved);
        }
    }

    @Test
    void setsTheContainersBufferSizeBeforeItStarts() {
        fire(new MockEnvironment());

        assertThat(System.getProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE)).isEqualTo("2048");
    }

    @Test
    void takesTheSettingWhenGiven() {
        fire(new MockEnvironment().withProperty("tickwire.websocket.frame-buffer-bytes", "8192"));

        assertThat(System.getProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE)).isEqualTo("8192");
    }

    @Test
    void leavesAnOperatorsSystemPropertyAlone() {
        System.setProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE, "4096");

        fire(new MockEnvironment());

        assertThat(System.getProperty(WebSocketBufferSizing.TOMCAT_BUFFER_SIZE)).isEqualTo("4096");
    }

    private static void fire(MockEnvironment environment) {
        new WebSocketBufferSizing().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
    }
}
