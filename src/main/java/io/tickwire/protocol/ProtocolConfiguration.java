package io.tickwire.protocol;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

    /**
     * Kept apart from the application's JsonMapper, so that no global setting changes the wire format, and
     * bounded well below Jackson's defaults: no protocol message nests deeper than three levels.
     */
    private static final JsonMapper WIRE = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            .maxNameLength(256)
                            .maxStringLength(65_536)
                            .build())
                    .build())
            .build();

    @Bean
    ServerMessageEncoder serverMessageEncoder() {
        return new ServerMessageEncoder(WIRE);
    }

    @Bean
    ClientMessageDecoder clientMessageDecoder() {
        return new ClientMessageDecoder(WIRE);
    }
}
