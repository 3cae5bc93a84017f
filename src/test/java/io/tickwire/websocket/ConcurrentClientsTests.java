package io.tickwire.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT,GOOGL,AMZN,NVDA",
        "tickwire.feed.ticks-per-second=25",
        // many sockets from one address within seconds
        "tickwire.limits.handshakes-per-second-per-address=10000",
        "tickwire.limits.handshake-burst-per-address=10000"})
class ConcurrentClientsTests {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL", "AMZN", "NVDA");
    private static final int CLIENTS = 200;
    private static final int TICKS_PER_SYMBOL = 25;

    @LocalServerPort
    int port;

    @Test
    void twoHundredClientsEachGetEveryTickOfTheirSymbolsInOrder(CapturedOutput output) throws Exception {
        List<TestClient> clients = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(TestClient.connect(port));
            }
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                TestClient client = clients.get(i);
                List<String> mine = List.of(SYMBOLS.get(i % SYMBOLS.size()), SYMBOLS.get((i + 1) % SYMBOLS.size()));
                client.send("{\"type\":\"subscribe\",\"symbols\":[\"" + mine.get(0) + "\",\"" + mine.get(1) + "\"]}");
                checks.add(readers.submit(() -> {
                    assertEveryTickInOrder(client, mine);
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
            assertThat(clients).allSatisfy(client -> {
                assertThat(client.session().isOpen()).isTrue();
                assertThat(client.errors()).isEmpty();
            });
            assertThat(output.getAll()).doesNotContain("IllegalStateException").doesNotContain("TEXT_PARTIAL_WRITING");
        } finally {
            readers.shutdownNow();
            for (TestClient client : clients) {
                client.close();
            }
        }
    }

    private static void assertEveryTickInOrder(TestClient client, List<String> symbols) throws InterruptedException {
        JsonNode subscribed = client.next("subscribed");
        Map<String, Long> lastSeq = new HashMap<>();
        subscribed.path("subscriptions").forEach(entry -> lastSeq.put(entry.path("symbol").stringValue(), entry.path("seq").longValue()));
        assertThat(lastSeq.keySet()).containsExactlyInAnyOrderElementsOf(symbols);
        Map<String, Integer> received = new HashMap<>();
        while (received.values().stream().mapToInt(Integer::intValue).sum() < TICKS_PER_SYMBOL * symbols.size()
                || received.size() < symbols.size()) {
            JsonNode tick = client.next("tick");
            String symbol = tick.path("symbol").stringValue();
            assertThat(symbols).contains(symbol);
            assertThat(tick.path("seq").longValue()).as("seq of %s", symbol).isEqualTo(lastSeq.get(symbol) + 1);
            assertThat(tick.has("skipped")).isFalse();
            lastSeq.put(symbol, tick.path("seq").longValue());
            received.merge(symbol, 1, Integer::sum);
        }
    }
}
