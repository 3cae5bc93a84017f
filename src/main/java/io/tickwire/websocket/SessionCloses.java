package io.tickwire.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.socket.CloseStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts closed sessions by close code. A client may close with any code it likes, so only the codes of the
 * protocol and of RFC 6455 get a tag value of their own; every other code counts as {@code other}.
 */
public final class SessionCloses {

    public static final String NAME = "tickwire.sessions.closed";
    public static final String CODE = "code";
    public static final String OTHER = "other";

    /** 1000-1013 as RFC 6455 uses them, 4000 (a client gave up on a silent connection), 4008 and 4009. */
    static final int[] KNOWN_CODES = { 1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
            4000, 4008, 4009 };

    private final Map<Integer, Counter> byCode = new HashMap<>();
    private final Counter other;

    SessionCloses(MeterRegistry registry) {
        for (int code : KNOWN_CODES) {
            byCode.put(code, counter(registry, Integer.toString(code)));
        }
        other = counter(registry, OTHER);
    }

    private static Counter counter(MeterRegistry registry, String code) {
        return Counter.builder(NAME).tag(CODE, code)
                .description("WebSocket sessions closed, by close code (1006: dropped without a close frame)")
                .register(registry);
    }

    void closed(CloseStatus status) {
        byCode.getOrDefault(status.getCode(), other).increment();
    }
}
