package io.tickwire.market;

public class UnknownSymbolException extends RuntimeException {

    private final String symbol;

    public UnknownSymbolException(String symbol) {
        super("unknown symbol " + symbol);
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
