package io.tickwire.protocol;

import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Writes server messages as the JSON text of one frame each. */
public final class ServerMessageEncoder {

    private static final String BATCH_PREFIX = "{\"type\":\"batch\",\"items\":[";
    private static final String BATCH_SUFFIX = "]}";

    private final JsonMapper mapper;

    public ServerMessageEncoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String tick(Tick tick) {
        return write(TickMessage.of(tick));
    }

    /** The same tick for a client that was sent a later one in place of {@code skipped} earlier ones. */
    public static String withSkipped(String tickJson, long skipped) {
        if (skipped <= 0) {
            return tickJson;
        }
        return tickJson.substring(0, tickJson.length() - 1) + ",\"skipped\":" + skipped + "}";
    }

    public String welcome(String session, String node, long heartbeatMs, int maxSubscriptions, int maxMessageBytes, int maxMessagesPerSecond) {
        return write(new ServerMessages.Welcome("welcome", 1, session, node, heartbeatMs,
                new ServerMessages.Limits(maxSubscriptions, maxMessageBytes, maxMessagesPerSecond)));
    }

    /** @param rejected symbol to the reason it was refused, in request order */
    public String subscribed(Object id, List<Resumption> accepted, List<Rejected> rejected) {
        return write(new ServerMessages.Subscribed("subscribed", id,
                accepted.stream().map(ServerMessages.SubscriptionEntry::of).toList(),
                rejected.isEmpty() ? null : rejected.stream().map(r -> new ServerMessages.Rejection(r.symbol(), r.code(), r.message())).toList()));
    }

    public String unsubscribed(Object id, List<String> symbols) {
        return write(new ServerMessages.Unsubscribed("unsubscribed", id, symbols));
    }

    public String heartbeat(long ts, Map<String, Long> seqs) {
        return write(new ServerMessages.Heartbeat("heartbeat", ts, seqs));
    }

    public String pong(Object id, Long ts, long serverTs) {
        return write(new ServerMessages.Pong("pong", id, ts, serverTs));
    }

    public String error(ProtocolException e) {
        return error(e.requestId(), e.code(), e.getMessage());
    }

    public String error(Object id, ErrorCode code, String message) {
        return write(new ServerMessages.Error("error", id, code, message));
    }

    public String shutdown(long reconnectAfterMs) {
        return write(new ServerMessages.Shutdown("shutdown", reconnectAfterMs));
    }

    /** Several encoded messages as one {@code batch} frame, without encoding them again. */
    public static String batch(List<String> items) {
        int length = BATCH_PREFIX.length() + BATCH_SUFFIX.length() + items.size();
        for (String item : items) {
            length += item.length();
        }
        StringBuilder frame = new StringBuilder(length).append(BATCH_PREFIX);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                frame.append(',');
            }
            frame.append(items.get(i));
        }
        return frame.append(BATCH_SUFFIX).toString();
    }

    /** Bytes of framing a batch adds around its items. */
    public static int batchOverhead(int items) {
        return BATCH_PREFIX.length() + BATCH_SUFFIX.length() + Math.max(0, items - 1);
    }

    private String write(Object message) {
        return mapper.writeValueAsString(message);
    }

    /** A symbol a subscribe did not accept, and why. */
    public record Rejected(String symbol, ErrorCode code, String message) {
    }
}
