package io.tickwire.websocket;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Sizes the servlet container around Tickwire's own limits, so that its limits are never the ones that bite. */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    /** Room above the WebSocket limit for plain HTTP: health checks, the page, the API. */
    static final int HTTP_HEADROOM = 1024;

    /**
     * Messages are taken in parts and bounded by the handler, so the container's per-connection buffers only
     * need to hold a part: they are allocated for every connection, used or not.
     */
    static final int TEXT_BUFFER_CHARS = 1024;
    static final int BINARY_BUFFER_BYTES = 128;
    static final int SOCKET_READ_BUFFER_BYTES = 1024;
    static final int SOCKET_WRITE_BUFFER_BYTES = 4096;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> containerSizing(LimitsProperties limits) {
        return new ContainerSizing(limits.maxConnections() + HTTP_HEADROOM);
    }

    /**
     * Runs after Boot's own customizer, which applies {@code server.tomcat.max-connections}, so that this one wins.
     */
    private record ContainerSizing(int maxConnections) implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                    protocol.setMaxConnections(maxConnections);
                }
                // every connection holds one of each: small reads are all a client sends; writes of a frame
                // larger than the buffer simply take a few more calls
                connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_READ_BUFFER_BYTES));
                connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_WRITE_BUFFER_BYTES));
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
