package io.tickwire.cluster;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.history.Position;
import io.tickwire.history.ResumeRule;
import io.tickwire.history.Resumption;
import io.tickwire.history.TickHistory;
import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.UnknownSymbolException;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * History shared by every node through Redis: one stream per symbol, bounded to {@code size} entries, whose
 * entry ids are {@code <seq>-0}. Seq and epoch live beside the stream and are assigned in Redis, so any node
 * can append, and any node can answer a resume.
 * <p>
 * While Redis does not answer, appends and chart reads fail with {@link HistoryUnavailableException}, and
 * subscribers and the symbol list are answered from what this node last delivered: a snapshot, never a replay,
 * since the node cannot know what it missed.
 */
final class RedisTickHistory implements TickHistory {

    private static final String FIELD = "t";

    private final StringRedisTemplate redis;
    private final Set<String> symbols;
    private final int size;
    private final Supplier<String> epochs;
    /** An epoch no history has, for a subscriber answered before this node has seen its symbol. */
    static final String UNKNOWN_EPOCH = "unavailable";

    private final RedisKeys keys;

    private final DeliveredTicks delivered;

    /** After a call that failed, how long every call fails at once instead of waiting for Redis again. */
    static final Duration FAIL_FAST = Duration.ofSeconds(1);

    private final Clock clock;

    private volatile long failFastUntil;

    private final AtomicBoolean trying = new AtomicBoolean();

    RedisTickHistory(StringRedisTemplate redis, Collection<String> symbols, int size, Supplier<String> epochs,
            String keyPrefix, DeliveredTicks delivered, Clock clock) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        this.redis = redis;
        this.symbols = Collections.unmodifiableSet(new LinkedHashSet<>(symbols));
        this.size = size;
        this.epochs = epochs;
        this.keys = new RedisKeys(keyPrefix);
        this.delivered = delivered;
        this.clock = clock;
    }

    @Override
    public Set<String> symbols() {
        return symbols;
    }

    @Override
    public boolean contains(String symbol) {
        return symbols.contains(symbol);
    }

    @Override
    public Tick append(Quote quote, long ts) {
        String symbol = known(quote.symbol());
        String fields = TickCodec.encode(quote, ts);
        Long seq = ask(() -> redis.execute(TickScripts.APPEND, keysOf(symbol), epochs.get(), Integer.toString(size),
                fields, keys.channel(), symbol));
        return TickCodec.decode(symbol, seq, fields);
    }

    /**
     * Appends quotes, in order, in one round trip (a pipeline of the same script), without waiting for each seq:
     * Redis runs the commands of one connection in the order they were sent. A Redis that lost its scripts (a
     * restart) has run none of them; they are sent again once the script is loaded.
     */
    void appendAll(List<Appending> batch) {
        batch.forEach(appending -> known(appending.quote().symbol()));
        ask(() -> {
            try {
                return pipeline(batch);
            } catch (RedisPipelineException ex) {
                // none ran if the script is missing, so the whole batch can go again; anything else is a failure
                if (!ex.getPipelineResult().stream().allMatch(RedisTickHistory::isNoScript)) {
                    throw ex;
                }
                redis.execute((RedisCallback<String>) connection -> connection.scriptingCommands()
                        .scriptLoad(TickScripts.APPEND.getScriptAsString().getBytes(StandardCharsets.UTF_8)));
                return pipeline(batch);
            }
        });
    }

    /** A quote to append, with its publish time. */
    record Appending(Quote quote, long ts) {
    }

    private List<Object> pipeline(List<Appending> batch) {
        byte[] sha = TickScripts.APPEND.getSha1().getBytes(StandardCharsets.UTF_8);
        byte[] length = bytes(Integer.toString(size));
        byte[] channel = bytes(keys.channel());
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Appending appending : batch) {
                String symbol = appending.quote().symbol();
                connection.scriptingCommands().evalSha(sha, ReturnType.INTEGER, 2, bytes(keys.meta(symbol)),
                        bytes(keys.stream(symbol)), bytes(epochs.get()), length,
                        bytes(TickCodec.encode(appending.quote(), appending.ts())), channel, bytes(symbol));
            }
            return null;
        });
    }

    private static boolean isNoScript(Object result) {
        for (Throwable failure = result instanceof Throwable t ? t : null; failure != null; failure = failure.getCause()) {
            if (String.valueOf(failure.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Tick> latest(String symbol) {
        known(symbol);
        try {
            return ask(() -> newestFirst(symbol, 1)).stream().findFirst();
        } catch (HistoryUnavailableException ex) {
            DeliveredTicks.Delivered last = delivered.get(symbol);
            return Optional.ofNullable(last == null ? null : last.latest());
        }
    }

    @Override
    public List<Tick> recent(String symbol, int limit) {
        known(symbol);
        if (limit < 1) {
            return List.of();
        }
        List<Tick> ticks = new ArrayList<>(ask(() -> newestFirst(symbol, limit)));
        Collections.reverse(ticks);
        return ticks;
    }

    @Override
    public Resumption resume(String symbol, Position from) {
        known(symbol);
        List<?> answer;
        try {
            answer = ask(() -> redis.execute(TickScripts.RESUME, keysOf(symbol), epochs.get(),
                    from == null ? "" : from.epoch(), from == null ? "-1" : Long.toString(from.seq())));
        } catch (HistoryUnavailableException ex) {
            DeliveredTicks.Delivered last = delivered.get(symbol);
            return last == null ? Resumption.snapshot(symbol, UNKNOWN_EPOCH, 0, null)
                    : Resumption.snapshot(symbol, last.epoch(), last.seq(), last.latest());
        }
        String epoch = (String) answer.get(0);
        long latestSeq = (Long) answer.get(1);
        long oldestSeq = (Long) answer.get(2);
        if (ResumeRule.canReplay(from, epoch, oldestSeq, latestSeq)) {
            return Resumption.recovered(symbol, epoch, latestSeq, entries(symbol, (List<?>) answer.get(3)));
        }
        List<Tick> latest = entries(symbol, (List<?>) answer.get(4));
        return Resumption.snapshot(symbol, epoch, latestSeq, latest.isEmpty() ? null : latest.get(0));
    }

    /**
     * The ticks {@code firstSeq..lastSeq} of the symbol (for the fan-out: asks Redis even while others fail fast), or {@code null} when the symbol is no longer in
     * {@code epoch}; fewer when some have been trimmed.
     */
    List<Tick> range(String symbol, String epoch, long firstSeq, long lastSeq) {
        List<?> entries = askDirectly(() -> redis.execute(TickScripts.RANGE, keysOf(known(symbol)), epoch,
                Long.toString(firstSeq), Long.toString(lastSeq)));
        return entries == null ? null : entries(symbol, entries);
    }

    /** The symbol's epoch and latest seq, or {@code null} before its first tick (for the fan-out, as above). */
    Position position(String symbol) {
        List<Object> meta = askDirectly(() -> redis.<String, Object>opsForHash().multiGet(keys.meta(known(symbol)),
                List.of("epoch", "seq")));
        return meta.get(0) == null ? null : new Position((String) meta.get(0), Long.parseLong((String) meta.get(1)));
    }

    String channel() {
        return keys.channel();
    }

    /**
     * Asks Redis, or fails at once for a while after a call failed: a stalled Redis would otherwise hold a
     * subscribe of many symbols for a timeout per symbol. Once the while is over, one call tries Redis again and
     * the others still fail at once until it has succeeded, so that a stall does not take every waiting thread.
     */
    private <T> T ask(Supplier<T> call) {
        if (failFastUntil != 0 && (clock.millis() < failFastUntil || !trying.compareAndSet(false, true))) {
            throw new HistoryUnavailableException("Redis did not answer a moment ago", null);
        }
        try {
            return askDirectly(call);
        } finally {
            trying.set(false);
        }
    }

    /** Asks Redis whatever came before: for the fan-out's own thread, which no one else waits for. */
    private <T> T askDirectly(Supplier<T> call) {
        try {
            T answer = call.get();
            failFastUntil = 0;
            return answer;
        } catch (DataAccessException ex) {
            failFastUntil = clock.millis() + FAIL_FAST.toMillis();
            throw new HistoryUnavailableException("Redis did not answer: " + ex.getMessage(), ex);
        }
    }

    private List<Tick> newestFirst(String symbol, int count) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .reverseRange(keys.stream(symbol), Range.unbounded(), Limit.limit().count(count));
        List<Tick> ticks = new ArrayList<>(records.size());
        for (MapRecord<String, Object, Object> record : records) {
            ticks.add(TickCodec.decode(symbol, record.getId().getTimestamp(), (String) record.getValue().get(FIELD)));
        }
        return ticks;
    }

    /** Stream entries as a script returns them: {@code [[id, [field, value]], ...]}. */
    private static List<Tick> entries(String symbol, List<?> entries) {
        List<Tick> ticks = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            List<?> idAndFields = (List<?>) entry;
            String id = (String) idAndFields.get(0);
            List<?> fields = (List<?>) idAndFields.get(1);
            long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
            ticks.add(TickCodec.decode(symbol, seq, (String) fields.get(1)));
        }
        return ticks;
    }

    private List<String> keysOf(String symbol) {
        return List.of(keys.meta(symbol), keys.stream(symbol));
    }

    private String known(String symbol) {
        if (!symbols.contains(symbol)) {
            throw new UnknownSymbolException(symbol);
        }
        return symbol;
    }
}
