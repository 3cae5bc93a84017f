package io.tickwire.websocket;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved client on a connection of its own, subscribed to one symbol, that checks nothing another
 * client does costs it a tick: every one arrives, in order, none skipped, and the connection stays open.
 */
final class HealthyWatcher implements AutoCloseable {

    private final TestClient client;
    private final String symbol;
    private long lastSeq;

    private HealthyWatcher(TestClient client, String symbol, long subscribedSeq) {
        this.client = client;
        this.symbol = symbol;
        this.lastSeq = subscribedSeq;
    }

    static HealthyWatcher watch(int port, String symbol) throws Exception {
        TestClient client = TestClient.connect(port);
        client.send("{\"type\":\"subscribe\",\"symbols\":[\"" + symbol + "\"]}");
        JsonNode entry = client.next("subscribed").path("subscriptions").get(0);
        assertThat(entry.path("symbol").stringValue()).isEqualTo(symbol);
        return new HealthyWatcher(client, symbol, entry.path("seq").longValue());
    }

    /**
     * Takes every tick since the last check, up to the first one published after this call, and asserts that
     * each one's seq is exactly one more than the one before, starting from the seq the subscription answered.
     */
    void assertGotEveryTickInOrderUntilNow() throws InterruptedException {
        long now = System.currentTimeMillis();
        long published;
        do {
            JsonNode tick = client.next(message -> "tick".equals(message.path("type").stringValue())
                    && symbol.equals(message.path("symbol").stringValue()));
            assertThat(tick.path("seq").longValue()).as("seq of the healthy client's %s tick", symbol).isEqualTo(lastSeq + 1);
            assertThat(tick.has("skipped")).as("healthy client's tick was conflated: %s", tick).isFalse();
            lastSeq = tick.path("seq").longValue();
            published = tick.path("ts").longValue();
        } while (published <= now);
        assertThat(client.session().isOpen()).as("healthy client still connected").isTrue();
        assertThat(client.errors()).as("healthy client's transport errors").isEmpty();
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
