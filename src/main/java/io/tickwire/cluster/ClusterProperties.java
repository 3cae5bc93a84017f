package io.tickwire.cluster;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether this node runs alone or shares its history with other nodes.
 *
 * @param mode {@code local}: history in this process, no Redis needed; {@code redis}: history in Redis (the
 *        standard {@code spring.data.redis.*} settings), shared by every node with the same key prefix
 * @param keyPrefix first part of every Redis key and channel name, so that several deployments can share one Redis
 */
@ConfigurationProperties("tickwire.cluster")
@Validated
public record ClusterProperties(@DefaultValue("local") @NotNull Mode mode,
        @DefaultValue("tickwire") @Pattern(regexp = "[A-Za-z0-9._-]+") String keyPrefix) {

    public enum Mode {
        LOCAL, REDIS
    }
}
