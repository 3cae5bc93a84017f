package io.tickwire.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's Content-Security-Policy: everything from the page's own origin, no inline script, no framing, and
 * sockets to the page's own origin and to the allowed origins, so that an injected script can neither load code
 * nor send what it reads anywhere else.
 */
final class ContentSecurityPolicy {

    /** An origin pattern as {@code CorsConfiguration} takes it: scheme, host (maybe {@code *.}), port or port list. */
    private static final Pattern ORIGIN = Pattern.compile("(https?)://((?:\\*\\.)?[^*:/\\[\\]]+)(?::(\\d+|\\[[\\d,*\\s]+\\]))?");

    private ContentSecurityPolicy() {
    }

    /** @param allowedOriginPatterns {@code tickwire.websocket.allowed-origins} */
    static String forAllowedOrigins(List<String> allowedOriginPatterns) {
        return "default-src 'self'; script-src 'self'; "
                + "connect-src " + String.join(" ", connectSources(allowedOriginPatterns)) + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * {@code 'self'} (which covers {@code ws:} and {@code wss:} to the page's own host) and each allowed origin as the
     * socket origin a page there would be served, {@code wss:} for {@code https:}. A pattern CSP cannot express (a
     * {@code *} inside a host name) is left out: the page of this server never connects there.
     */
    static List<String> connectSources(List<String> allowedOriginPatterns) {
        Set<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        for (String pattern : allowedOriginPatterns) {
            String trimmed = pattern.trim();
            if (trimmed.equals("*")) {
                sources.add("ws:");
                sources.add("wss:");
                continue;
            }
            Matcher origin = ORIGIN.matcher(trimmed);
            if (origin.matches()) {
                String scheme = origin.group(1).equals("https") ? "wss://" : "ws://";
                for (String port : ports(origin.group(3))) {
                    sources.add(scheme + origin.group(2) + port);
                }
            }
        }
        return List.copyOf(sources);
    }

    private static List<String> ports(String port) {
        if (port == null) {
            return List.of("");
        }
        if (!port.startsWith("[")) {
            return List.of(":" + port);
        }
        List<String> ports = new ArrayList<>();
        for (String each : port.substring(1, port.length() - 1).split(",")) {
            ports.add(":" + each.trim());
        }
        return ports;
    }
}
