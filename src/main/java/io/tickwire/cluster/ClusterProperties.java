package io.tickwire.cluster;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Whether this node runs alone or shares its history and fan-out with other nodes.
 *
 * @param mode {@code local}: history in this process, no Redis needed; {@code redis}: history in Redis (the
 *        standard {@code spring.data.redis.*} settings), shared by every node with the same key prefix
 * @param keyPrefix first part of every Redis key and channel name, so that several deployments can share one Redis
 * @param leaseTtl how long the feed's lease lasts without renewal: the longest a dead producer leaves the
 *        simulated feed silent before another node takes over; renewed every third of it
 * @param probeInterval how often a node sends itself a message through the tick channel, to find a subscription
 *        that looks connected but hears nothing; three unanswered intervals and it subscribes again
 */
@ConfigurationProperties("tickwire.cluster")
@Validated
public record ClusterProperties(@DefaultValue("local") @NotNull Mode mode,
        @DefaultValue("tickwire") @Pattern(regexp = "[A-Za-z0-9._-]+") String keyPrefix,
        @DefaultValue("3s") @NotNull Duration leaseTtl,
        @DefaultValue("1s") @NotNull Duration probeInterval) {

    public enum Mode {
        LOCAL, REDIS
    }

    @AssertTrue(message = "lease-ttl must be at least 300ms and probe-interval at least 50ms")
    boolean isTimingSensible() {
        return leaseTtl == null || probeInterval == null
                || (leaseTtl.toMillis() >= 300 && probeInterval.toMillis() >= 50);
    }
}
