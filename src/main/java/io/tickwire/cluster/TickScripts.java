package io.tickwire.cluster;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Lua scripts on one symbol's keys, each prefixed with the shared epoch rule of {@code epoch.lua}. */
final class TickScripts {

    static final RedisScript<Long> APPEND = RedisScript.of(load("append.lua"), Long.class);

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> RESUME = RedisScript.of(load("resume.lua"), List.class);

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
