package io.tickwire.cluster;

import io.tickwire.websocket.TestClient;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** The client side of the cluster tests: subscribing, resuming, and reading seqs. */
final class Subscribing {

    private Subscribing() {
    }

    /** Takes the welcome, subscribes to one symbol and answers its {@code subscribed} entry. */
    static JsonNode subscribe(TestClient client, String symbol) throws Exception {
        return send(client, "{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"" + symbol + "\"]}");
    }

    /** Takes the welcome, subscribes to one symbol from a position and answers its {@code subscribed} entry. */
    static JsonNode resume(TestClient client, String symbol, String epoch, long seq) throws Exception {
        return send(client, "{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"" + symbol + "\"],\"resume\":{\""
                + symbol + "\":{\"epoch\":\"" + epoch + "\",\"seq\":" + seq + "}}}");
    }

    static List<Long> seqs(List<JsonNode> ticks) {
        return ticks.stream().map(tick -> tick.path("seq").asLong()).toList();
    }

    static List<Long> replayed(JsonNode entry) {
        return seqs(entry.path("replay").valueStream().toList());
    }

    private static JsonNode send(TestClient client, String subscribe) throws Exception {
        client.next("welcome");
        client.send(subscribe);
        return client.next("subscribed").path("subscriptions").get(0);
    }
}
