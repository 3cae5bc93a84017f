package io.tickwire.feed;

/**
 * Whether this node produces a symbol's ticks from its feed. Every node may run a feed, but when nodes share one
 * history only one of them may publish each symbol, or every tick would be published once per node.
 */
@FunctionalInterface
public interface FeedLeadership {

    /** A node on its own produces every symbol. */
    FeedLeadership ALONE = symbol -> true;

    boolean leads(String symbol);
}
