package io.tickwire.cluster;

/**
 * Names of the Redis keys and channel. A symbol's keys share a hash tag so that they land in one slot of a
 * Redis Cluster, which a script touching both needs.
 */
record RedisKeys(String prefix) {

    String stream(String symbol) {
        return prefix + ":{" + symbol + "}:ticks";
    }

    /** The symbol's epoch and latest seq, beside its stream. */
    String meta(String symbol) {
        return prefix + ":{" + symbol + "}:meta";
    }

    /** Held by the node whose feed produces the ticks. */
    String feedLease() {
        return prefix + ":feed:lease";
    }

    String channel() {
        return prefix + ":ticks";
    }
}
