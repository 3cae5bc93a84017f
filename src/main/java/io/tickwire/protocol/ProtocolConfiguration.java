package io.tickwire.protocol;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

    /** Kept apart from the application's JsonMapper, so that no global setting changes the wire format. */
    private static final JsonMapper WIRE = JsonMapper.builder().build();

    @Bean
    ServerMessageEncoder serverMessageEncoder() {
        return new ServerMessageEncoder(WIRE);
    }

    @Bean
    ClientMessageDecoder clientMessageDecoder() {
        return new ClientMessageDecoder(WIRE);
    }
}
