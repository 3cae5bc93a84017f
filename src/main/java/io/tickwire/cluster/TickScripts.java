package io.tickwire.cluster;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua scripts: those that may start a symbol's history are prefixed with the shared epoch rule of
 * {@code epoch.lua}; the others only read, or touch the feed's lease.
 */
final class TickScripts {

    static final RedisScript<Long> APPEND = RedisScript.of(load("append.lua"), Long.class);

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> RESUME = RedisScript.of(load("resume.lua"), List.class);

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> RANGE = RedisScript.of(read("range.lua"), List.class);

    static final RedisScript<Long> LEASE = RedisScript.of(read("lease.lua"), Long.class);

    static final RedisScript<Long> RELEASE = RedisScript.of(read("release.lua"), Long.class);

    private TickScripts() {
    }

    private static String load(String name) {
        return read("epoch.lua") + "\n" + read(name);
    }

    private static String read(String name) {
        try {
            return new ClassPathResource(name, TickScripts.class).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
