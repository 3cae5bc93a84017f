package io.tickwire.cluster;

import io.tickwire.feed.FeedLeadership;
import io.tickwire.session.DaemonThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One lease in Redis names the node whose feed produces every symbol; the other nodes' feeds run idle, ready to
 * take over. The holder renews it every third of its time to live; a node that dies stops renewing, and another
 * takes the lease within one time to live and one renewal period. The holder counts its lease from before it
 * asked for it and gives it up a fifth early, so that it stops producing before anyone else may start.
 */
final class FeedLease implements FeedLeadership, SmartLifecycle {

    /** Stopped after the feed ({@code FeedLifecycle}), so that the lease is given up once nothing produces. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private static final Log logger = LogFactory.getLog(FeedLease.class);

    private final StringRedisTemplate redis;

    private final String key;

    private final String nodeId;

    private final Duration ttl;

    private final Clock clock;

    private ScheduledExecutorService timer;

    private volatile long heldUntil;

    private boolean held;

    FeedLease(StringRedisTemplate redis, String key, String nodeId, Duration ttl, Clock clock) {
        this.redis = redis;
        this.key = key;
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public boolean leads(String symbol) {
        return clock.millis() < heldUntil;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tickwire-lease"));
        timer.scheduleWithFixedDelay(this::renewSafely, 0, ttl.toMillis() / 3, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(ttl.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        heldUntil = 0;
        try {
            if (Long.valueOf(1).equals(redis.execute(TickScripts.RELEASE, List.of(key), nodeId))) {
                logger.info("Gave up the feed lease");
            }
        } catch (DataAccessException ex) {
            logger.info("Could not give up the feed lease; it lapses within " + ttl.toMillis() + " ms");
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The node's name in the lease, as other nodes see it. */
    String nodeId() {
        return nodeId;
    }

    private void renewSafely() {
        // an exception escaping a periodic task would silently cancel all its later runs
        try {
            renew();
        } catch (RuntimeException ex) {
            logger.error("Feed lease renewal failed", ex);
        }
    }

    void renew() {
        long askedAt = clock.millis();
        boolean nowHeld;
        try {
            nowHeld = Long.valueOf(1).equals(redis.execute(TickScripts.LEASE, List.of(key), nodeId,
                    Long.toString(ttl.toMillis())));
        } catch (DataAccessException ex) {
            // keep what is held until it lapses: Redis may answer the next renewal in time
            logger.debug("Feed lease not renewed", ex);
            return;
        }
        heldUntil = nowHeld ? askedAt + ttl.toMillis() * 4 / 5 : 0;
        if (nowHeld != held) {
            held = nowHeld;
            logger.info(nowHeld ? "This node now produces the feed's ticks (" + nodeId + ")"
                    : "Another node produces the feed's ticks");
        }
    }
}
