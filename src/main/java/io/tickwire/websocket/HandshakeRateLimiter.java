package io.tickwire.websocket;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.tickwire.session.ClockTimeMeter;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per client address for handshakes. Memory is bounded twice: an address is forgotten once it has
 * been quiet long enough for its bucket to be full again (forgetting it then changes nothing), and the map never
 * holds more than {@code maxAddresses}, so many addresses at once cost at most that many buckets. An address pushed
 * out by others starts again with a full burst; against that many addresses the connection limit is the defence.
 */
final class HandshakeRateLimiter {

    /**
     * Measured at about 400 bytes an address, so about 25 MiB when full. With the defaults an address is kept 4 s
     * after its last handshake, so filling it takes over 16,000 new addresses a second.
     */
    static final int MAX_ADDRESSES = 65_536;

    private final Bandwidth limit;
    private final ClockTimeMeter time;
    private final Cache<String, Bucket> buckets;

    HandshakeRateLimiter(int perSecond, int burst, Clock clock) {
        this(perSecond, burst, MAX_ADDRESSES, clock);
    }

    HandshakeRateLimiter(int perSecond, int burst, int maxAddresses, Clock clock) {
        this.limit = Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
        this.time = new ClockTimeMeter(clock);
        Duration untilFull = Duration.ofNanos((burst * 1_000_000_000L + perSecond - 1) / perSecond);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterAccess(untilFull)
                .ticker(time::currentTimeNanos)
                // evictions in the calling thread: no work left behind on the common pool, and tests see them at once
                .executor(Runnable::run)
                .build();
    }

    /** Takes one handshake from the address's budget: {@link Duration#ZERO} if it may go ahead, else how long to wait. */
    Duration acquire(String address) {
        ConsumptionProbe probe = buckets.get(address, this::newBucket).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** How many addresses hold a bucket now. */
    long trackedAddresses() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(String address) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build();
    }
}
