package io.tickwire.market;

import java.util.regex.Pattern;

/** The shape of a symbol on the wire (PROTOCOL.md). */
public final class Symbols {

    public static final Pattern PATTERN = Pattern.compile("^[A-Z0-9][A-Z0-9._:/-]{0,23}$");

    private Symbols() {
    }

    public static boolean isWellFormed(String symbol) {
        return symbol != null && PATTERN.matcher(symbol).matches();
    }
}
