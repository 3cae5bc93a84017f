package io.tickwire.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tickwire.history.Resumption;

import java.util.List;
import java.util.Map;

/** The shapes of the server's messages, exactly as PROTOCOL.md spells them. Null fields are left out. */
final class ServerMessages {

    private ServerMessages() {
    }

    record Limits(int maxSubscriptions, int maxMessageBytes, int maxMessagesPerSecond) {
    }

    @JsonPropertyOrder({"type", "protocol", "session", "node", "heartbeatMs", "limits"})
    record Welcome(String type, int protocol, String session, String node, long heartbeatMs, Limits limits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"symbol", "epoch", "seq", "recovered", "replay", "snapshot"})
    record SubscriptionEntry(String symbol, String epoch, long seq, boolean recovered, List<TickMessage> replay, TickMessage snapshot) {

        static SubscriptionEntry of(Resumption resumption) {
            return new SubscriptionEntry(resumption.symbol(), resumption.epoch(), resumption.seq(), resumption.recovered(),
                    resumption.recovered() ? resumption.replay().stream().map(TickMessage::of).toList() : null,
                    resumption.snapshot() == null ? null : TickMessage.of(resumption.snapshot()));
        }
    }

    record Rejection(String symbol, ErrorCode code, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "id", "subscriptions", "rejected"})
    record Subscribed(String type, Object id, List<SubscriptionEntry> subscriptions, List<Rejection> rejected) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "id", "symbols"})
    record Unsubscribed(String type, Object id, List<String> symbols) {
    }

    @JsonPropertyOrder({"type", "ts", "seqs"})
    record Heartbeat(String type, long ts, Map<String, Long> seqs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "id", "ts", "serverTs"})
    record Pong(String type, Object id, Long ts, long serverTs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "id", "code", "message"})
    record Error(String type, Object id, ErrorCode code, String message) {
    }

    record Shutdown(String type, long reconnectAfterMs) {
    }
}
