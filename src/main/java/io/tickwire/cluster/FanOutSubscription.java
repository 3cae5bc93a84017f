package io.tickwire.cluster;

import io.tickwire.session.DaemonThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's one subscription to the tick channel, and the probe that keeps it honest. Lettuce reconnects and
 * subscribes again by itself after a lost connection; what it cannot see is a subscription that stays connected
 * and hears nothing. So every {@code interval} the node publishes a probe to the channel and expects to hear it:
 * three intervals without, while Redis takes the probes, and the subscription is torn down and made again.
 */
final class FanOutSubscription implements SmartLifecycle {

    /** Before the web server starts, so that the node hears ticks before its first client subscribes. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(FanOutSubscription.class);

    /** Starts a probe message; no published tick does, since a symbol starts with a capital or a digit. */
    private static final String PROBE_PREFIX = "~probe;";

    private static final int UNANSWERED_PROBES = 3;

    /** Probes between two catch-ups that nothing asked for: the net under every way of missing a tick. */
    private static final int CATCH_UP_EVERY = 10;

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    private final ClusterFanOut fanOut;

    private final ChannelTopic channel;

    private final StringRedisTemplate redis;

    private final Clock clock;

    private final Duration interval;

    private final String probe;

    private final MessageListener listener = this::onMessage;

    private ScheduledExecutorService timer;

    /** When the oldest probe not yet heard was sent, or -1 when every probe sent has been heard. */
    private volatile long unansweredSince = -1;

    private volatile boolean redisAnswers;

    private volatile boolean running;

    private volatile boolean subscribed;

    private long probesSent;

    /** Whether the operator was told that Redis does not answer, and so should hear when it does again. */
    private boolean warned;

    FanOutSubscription(RedisConnectionFactory connections, ClusterFanOut fanOut, String channel,
            StringRedisTemplate redis, Clock clock, Duration interval, String nodeId) {
        this.fanOut = fanOut;
        this.channel = new ChannelTopic(channel);
        this.redis = redis;
        this.clock = clock;
        this.interval = interval;
        this.probe = PROBE_PREFIX + nodeId;
        container.setConnectionFactory(connections);
        // the fan-out takes each message off Redis's thread itself, in order; the default executor would
        // start a thread per message and lose the order
        container.setTaskExecutor(new SyncTaskExecutor());
        container.setRecoveryInterval(interval.toMillis());
        container.setBeanName("tickwire-fanout-subscription");
        container.afterPropertiesSet();
    }

    @Override
    public synchronized void start() {
        running = true;
        subscribe();
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tickwire-probe"));
        timer.scheduleWithFixedDelay(this::probeSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        container.removeMessageListener(listener);
        container.stop();
        subscribed = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Whether Redis took the latest probe. */
    boolean redisAnswers() {
        return redisAnswers;
    }

    /** Whether the subscription heard every probe that Redis took, but for the one on its way. */
    boolean isListening() {
        long since = unansweredSince;
        return redisAnswers && subscribed && (since < 0 || clock.millis() - since <= 2 * interval.toMillis());
    }

    /** Unsubscribes behind the node's back, leaving the connection open: for tests of the probe. */
    void silenceForTest() {
        container.removeMessageListener(listener);
    }

    private void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (!body.startsWith(PROBE_PREFIX)) {
            fanOut.accept(body);
        } else if (body.equals(probe)) {
            long since = unansweredSince;
            unansweredSince = -1;
            if (since >= 0 && clock.millis() - since > interval.toMillis()) {
                // heard again after a while: the subscription may have been down and ticks lost meanwhile
                fanOut.catchUp();
            }
        }
    }

    private void probeSafely() {
        // an exception escaping a periodic task would silently cancel all its later runs
        try {
            probe();
        } catch (RuntimeException ex) {
            logger.error("Probe of the tick subscription failed", ex);
        }
    }

    void probe() {
        try {
            redis.convertAndSend(channel.getTopic(), probe);
        } catch (DataAccessException ex) {
            if (redisAnswers) {
                warned = true;
                logger.warn("Redis does not answer; this node serves its clients but hears no other node's ticks"
                        + " until it does: " + ex.getMessage());
            }
            redisAnswers = false;
            unansweredSince = -1;
            return;
        }
        long now = clock.millis();
        if (!redisAnswers) {
            if (warned) {
                logger.info("Redis answers again");
            }
            fanOut.catchUp();
        }
        redisAnswers = true;
        if (++probesSent % CATCH_UP_EVERY == 0 || fanOut.isBehind()) {
            fanOut.catchUp();
        }
        if (!subscribed) {
            resubscribe();
        } else if (unansweredSince < 0) {
            unansweredSince = now;
        } else if (now - unansweredSince > UNANSWERED_PROBES * interval.toMillis()) {
            logger.warn("The tick subscription heard none of this node's probes for "
                    + (now - unansweredSince) + " ms; subscribing again");
            resubscribe();
            unansweredSince = -1;
        }
    }

    private synchronized void resubscribe() {
        if (!running) {
            return;
        }
        container.removeMessageListener(listener);
        container.stop();
        subscribe();
    }

    private void subscribe() {
        container.addMessageListener(listener, channel);
        try {
            container.start();
            subscribed = true;
            fanOut.catchUp();
        } catch (RuntimeException ex) {
            // the next probe that Redis takes subscribes again
            subscribed = false;
            logger.warn("Could not subscribe to " + channel.getTopic() + ": " + ex.getMessage());
        }
    }
}
