package io.tickwire.websocket;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Sizes the servlet container around Tickwire's own limits, so that its limits are never the ones that bite. */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    /** Room above the WebSocket limit for plain HTTP: health checks, the page, the API. */
    static final int HTTP_HEADROOM = 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(LimitsProperties limits) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(limits.maxMessageBytes());
        container.setMaxBinaryMessageBufferSize(limits.maxMessageBytes());
        return container;
    }

    @Bean
    TomcatConnectorCustomizer connectionHeadroom(LimitsProperties limits) {
        return connector -> connector.setProperty("maxConnections", Integer.toString(limits.maxConnections() + HTTP_HEADROOM));
    }
}
