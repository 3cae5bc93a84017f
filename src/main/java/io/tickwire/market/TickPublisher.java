package io.tickwire.market;

/**
 * The one path every quote takes into Tickwire, whether it comes from a feed or from the HTTP API:
 * it is given the next {@code seq} and the publish time, stored in history, then fanned out.
 */
public interface TickPublisher {

    /**
     * @return the tick as stored and delivered
     * @throws UnknownSymbolException when the symbol is not one this server carries
     */
    Tick publish(Quote quote);

    /**
     * Publishes without waiting for the tick, for a feed that does not need it back: a publisher may gather quotes
     * into one write, and report its own failures. By default the same as {@link #publish}.
     *
     * @throws UnknownSymbolException when the symbol is not one this server carries
     */
    default void offer(Quote quote) {
        publish(quote);
    }
}
