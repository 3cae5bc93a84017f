package io.tickwire.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the fan-out measures. Every meter is built once, here, so that the path of a tick only increments
 * meters that exist: no lookup, no tag and nothing allocated per tick or per subscriber. No meter is tagged with
 * anything that names a client or a symbol.
 */
public final class SessionMeters {

    public static final String SESSIONS_OPEN = "tickwire.sessions.open";
    public static final String SUBSCRIPTIONS = "tickwire.subscriptions";
    public static final String TICKS_PUBLISHED = "tickwire.ticks.published";
    public static final String MESSAGES_SENT = "tickwire.sent.messages";
    public static final String BYTES_SENT = "tickwire.sent.bytes";
    public static final String BATCH_SIZE = "tickwire.batch.size";
    public static final String TICKS_CONFLATED = "tickwire.ticks.conflated";
    public static final String DELIVERY_DELAY = "tickwire.delivery.delay";

    /** The {@link #TICKS_CONFLATED} tag: why ticks were left out. */
    public static final String CAUSE = "cause";
    /** Replaced by a newer tick of their symbol because the client fell behind. */
    public static final String BACKLOG = "backlog";
    /** Left out because the client asked for at most {@code maxRate} ticks a second. */
    public static final String MAX_RATE = "max_rate";

    private static final Duration[] DELAY_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10) };

    private final Counter ticksPublished;
    private final Counter messagesSent;
    private final Counter bytesSent;
    private final DistributionSummary batchSize;
    private final Counter conflatedForBacklog;
    private final Counter skippedForMaxRate;
    private final Timer deliveryDelay;

    SessionMeters(MeterRegistry registry) {
        ticksPublished = Counter.builder(TICKS_PUBLISHED)
                .description("Ticks published and handed to the fan-out").register(registry);
        messagesSent = Counter.builder(MESSAGES_SENT).baseUnit("messages")
                .description("Messages handed to clients' sockets, each item of a batch counted").register(registry);
        bytesSent = Counter.builder(BYTES_SENT).baseUnit("bytes")
                .description("UTF-8 bytes of the text frames handed to clients' sockets").register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE).baseUnit("messages")
                .description("Messages per frame: 1, or the items of a batch").register(registry);
        conflatedForBacklog = conflated(registry, BACKLOG);
        skippedForMaxRate = conflated(registry, MAX_RATE);
        deliveryDelay = Timer.builder(DELIVERY_DELAY)
                .description("From the moment a tick was due to a client (its publish time, or its turn under the "
                        + "client's maxRate) to the moment its frame was handed to the socket; once per frame, for its oldest tick")
                .publishPercentiles(0.5, 0.99)
                // a dozen buckets for histogram_quantile across nodes, rather than the seventy of a percentile histogram
                .serviceLevelObjectives(DELAY_BUCKETS)
                .register(registry);
    }

    private static Counter conflated(MeterRegistry registry, String cause) {
        return Counter.builder(TICKS_CONFLATED).tag(CAUSE, cause)
                .description("Ticks a client did not get because a newer one of the same symbol took their place")
                .register(registry);
    }

    /** The open sessions and their subscriptions, read when the meters are. */
    static void bindGauges(MeterRegistry registry, SessionRegistry sessions) {
        Gauge.builder(SESSIONS_OPEN, sessions, SessionRegistry::size)
                .description("WebSocket sessions open on this node").register(registry);
        Gauge.builder(SUBSCRIPTIONS, sessions, SessionRegistry::subscriptionCount)
                .description("Symbol subscriptions of the open sessions").register(registry);
    }

    void tickPublished() {
        ticksPublished.increment();
    }

    /**
     * @param messages the messages the frame carries
     * @param bytes its size on the wire, before any compression
     * @param oldestDueAt when its oldest tick was due, epoch milliseconds, or 0 when it carries no tick
     * @param nowMillis when it was handed to the socket
     */
    void frameWritten(int messages, int bytes, long oldestDueAt, long nowMillis) {
        messagesSent.increment(messages);
        bytesSent.increment(bytes);
        batchSize.record(messages);
        if (oldestDueAt != 0) {
            // a tick stamped by a node whose clock runs ahead of this one's would give a negative delay
            deliveryDelay.record(Math.max(0, nowMillis - oldestDueAt), TimeUnit.MILLISECONDS);
        }
    }

    void conflatedForBacklog() {
        conflatedForBacklog.increment();
    }

    void skippedForMaxRate(long ticks) {
        skippedForMaxRate.increment(ticks);
    }
}
