package io.tickwire.security;

import java.util.regex.Pattern;

/** A symbol ({@code AAPL}) or a pattern of symbols where {@code *} stands for any characters ({@code EUR*}, {@code *}). */
final class SymbolPattern {

    /** The characters of a symbol (PROTOCOL.md) and {@code *}. */
    static final String SYNTAX = "[A-Z0-9._:/*-]{1,24}";

    private final Pattern regex;

    SymbolPattern(String pattern) {
        if (!pattern.matches(SYNTAX)) {
            throw new IllegalArgumentException("not a symbol pattern: " + pattern);
        }
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.regex = Pattern.compile(regex.toString());
    }

    boolean matches(String symbol) {
        return regex.matcher(symbol).matches();
    }
}
