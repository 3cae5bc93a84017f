package io.tickwire.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of this node's share in the cluster, beside Boot's own {@code redis} PING: whether the node hears the
 * tick channel (its probes come back), and whether its feed is the one producing. A node that does not hear the
 * channel would serve its clients no ticks, so readiness includes this.
 */
final class ClusterHealthIndicator implements HealthIndicator {

    private final FanOutSubscription subscription;

    private final ClusterFanOut fanOut;

    private final FeedLease lease;

    ClusterHealthIndicator(FanOutSubscription subscription, ClusterFanOut fanOut, FeedLease lease) {
        this.subscription = subscription;
        this.fanOut = fanOut;
        this.lease = lease;
    }

    /** The parts may all be {@code null}: the application replaced the history or publisher with its own. */
    @Override
    public Health health() {
        if (subscription == null || fanOut == null || lease == null) {
            return Health.up().withDetail("inUse", false).build();
        }
        Health.Builder health = subscription.isListening() ? Health.up() : Health.down();
        return health.withDetail("node", lease.nodeId())
                .withDetail("redisAnswers", subscription.redisAnswers())
                .withDetail("hearsTickChannel", subscription.isListening())
                .withDetail("producesFeed", lease.leads(""))
                .withDetail("ticksDroppedAndRefilled", fanOut.dropped())
                .build();
    }
}
