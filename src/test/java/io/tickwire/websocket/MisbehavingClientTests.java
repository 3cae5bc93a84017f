package io.tickwire.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every misbehaving client gets the protocol's exact answer, an {@code error} or a close code, while a healthy
 * client connected at the same time keeps getting every tick in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=AAPL,MSFT",
        "tickwire.feed.ticks-per-second=20",
        // many sockets from one address within seconds
        "tickwire.limits.handshakes-per-second-per-address=10000",
        "tickwire.limits.handshake-burst-per-address=10000"})
class MisbehavingClientTests {

    private static final int MAX_MESSAGE_CHARS = 16_384;

    private int port;
    private HealthyWatcher healthy;

    // the port comes as a parameter rather than a field: a nested class with its own properties has its own server
    @BeforeEach
    void connectAHealthyClient(@LocalServerPort int port) throws Exception {
        this.port = port;
        this.healthy = HealthyWatcher.watch(port, "AAPL");
    }

    @AfterEach
    void disconnectTheHealthyClient() throws Exception {
        healthy.close();
    }

    /** A client past its welcome, with nothing polite in between. */
    private RawWebSocket rudeClient() throws Exception {
        RawWebSocket client = RawWebSocket.connect(port);
        client.next("welcome");
        return client;
    }

    private static void assertStillAnswers(RawWebSocket client) throws Exception {
        client.sendText("{\"type\":\"ping\",\"id\":\"still-there\"}");
        assertThat(client.next("pong").path("id").stringValue()).isEqualTo("still-there");
    }

    /** A ping padded with a string field so that the whole text is exactly {@code chars} long. */
    private static String pingOfLength(int chars) {
        String head = "{\"type\":\"ping\",\"id\":1,\"pad\":\"";
        String tail = "\"}";
        return head + "a".repeat(chars - head.length() - tail.length()) + tail;
    }

    @Nested
    class OversizedMessages {

        @Test
        void textLongerThanTheLimitIsClosedWith1009() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText(pingOfLength(MAX_MESSAGE_CHARS + 1));

                assertThat(client.awaitClose()).isEqualTo(1009);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void messageSplitIntoFramesIsMeasuredAsAWhole() throws Exception {
            byte[] half = "a".repeat(MAX_MESSAGE_CHARS / 2 + 1).getBytes();
            try (RawWebSocket client = rudeClient()) {
                client.sendFrame(false, 0, RawWebSocket.TEXT, half);
                client.sendFrame(true, 0, RawWebSocket.CONTINUATION, half);

                assertThat(client.awaitClose()).isEqualTo(1009);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void textOfExactlyTheLimitIsStillAnswered() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText(pingOfLength(MAX_MESSAGE_CHARS));

                assertThat(client.next("pong").path("id").intValue()).isEqualTo(1);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class MultiByteText {

        @Test
        void limitIsInUtf8BytesNotCharacters() throws Exception {
            String head = "{\"type\":\"ping\",\"pad\":\"";
            try (RawWebSocket client = rudeClient()) {
                client.sendText(head + "é".repeat(MAX_MESSAGE_CHARS / 2) + "\"}");

                assertThat(client.awaitClose()).isEqualTo(1009);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class FragmentFlood {

        @Test
        void endlessEmptyContinuationsAreClosedWith1009() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendFrame(false, 0, RawWebSocket.TEXT, "{\"type\":".getBytes());
                byte[] empty = RawWebSocket.frame(false, 0, RawWebSocket.CONTINUATION, new byte[0]);
                byte[] burst = new byte[empty.length * 1_000];
                for (int i = 0; i < 1_000; i++) {
                    System.arraycopy(empty, 0, burst, i * empty.length, empty.length);
                }
                try {
                    for (int round = 0; round < 100; round++) {
                        client.sendRaw(burst);
                    }
                } catch (java.io.IOException closedWhileSending) {
                    // the server may close before the whole flood is written
                }

                assertThat(client.awaitClose()).isIn(1009, RawWebSocket.NO_CLOSE_FRAME);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void aFewFragmentsAreFine() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendFrame(false, 0, RawWebSocket.TEXT, "{\"type\":".getBytes());
                client.sendFrame(false, 0, RawWebSocket.CONTINUATION, new byte[0]);
                client.sendFrame(true, 0, RawWebSocket.CONTINUATION, "\"ping\",\"id\":9}".getBytes());

                assertThat(client.next("pong").path("id").intValue()).isEqualTo(9);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class PingFlood {

        @Test
        void clientThatFloodsPingsWithoutReadingIsDroppedAndOthersAreServed() throws Exception {
            try (RawWebSocket client = RawWebSocket.to(port).receiveBufferSize(2048).connect()) {
                byte[] ping = RawWebSocket.frame(true, 0, RawWebSocket.PING, "ping-flood-payload-0123456789".getBytes());
                byte[] burst = new byte[ping.length * 500];
                for (int i = 0; i < 500; i++) {
                    System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
                }
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
                boolean dropped = false;
                while (!dropped && System.nanoTime() < deadline) {
                    try {
                        client.sendRaw(burst);
                    } catch (java.io.IOException e) {
                        dropped = true;
                    }
                }

                assertThat(dropped).as("the server drops a client that floods pings and reads no pongs").isTrue();
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class BinaryFrames {

        @Test
        void binaryFrameIsClosedWith1003() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendBinary("{\"type\":\"ping\"}".getBytes());

                assertThat(client.awaitClose()).isEqualTo(1003);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class InvalidUtf8 {

        /** A lone continuation byte pair, an encoded surrogate, a sequence cut off at the end, a byte UTF-8 never uses. */
        @ParameterizedTest
        @ValueSource(strings = {"c328", "eda080", "e282", "ff"})
        void textThatIsNotUtf8IsClosedWith1007(String badBytes) throws Exception {
            byte[] bad = HexFormat.of().parseHex(badBytes);
            byte[] payload = new byte[bad.length + 1];
            payload[0] = '{';
            System.arraycopy(bad, 0, payload, 1, bad.length);
            try (RawWebSocket client = rudeClient()) {
                client.sendFrame(true, 0, RawWebSocket.TEXT, payload);

                assertThat(client.awaitClose()).isEqualTo(1007);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class MalformedJson {

        @ParameterizedTest
        @ValueSource(strings = {"{\"type\":\"subscribe\",", "not json", "[1,2]", "\"subscribe\"", "42", "null", ""})
        void textThatIsNotAJsonObjectIsAnsweredWithBadJsonAndTheConnectionKeepsWorking(String text) throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText(text);

                JsonNode error = client.next("error");
                assertThat(error.path("code").stringValue()).isEqualTo("BAD_JSON");
                assertThat(error.path("message").stringValue()).isNotBlank();
                assertStillAnswers(client);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class UnknownType {

        @Test
        void unknownTypeIsAnsweredWithUnknownTypeAndTheRequestsId() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText("{\"type\":\"dance\",\"id\":7}");

                JsonNode error = client.next("error");
                assertThat(error.path("code").stringValue()).isEqualTo("UNKNOWN_TYPE");
                assertThat(error.path("id").intValue()).isEqualTo(7);
                assertStillAnswers(client);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"id\":8}", "{\"type\":5,\"id\":8}", "{\"type\":null,\"id\":8}"})
        void missingOrNonStringTypeIsABadRequest(String text) throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText(text);

                JsonNode error = client.next("error");
                assertThat(error.path("code").stringValue()).isEqualTo("BAD_REQUEST");
                assertThat(error.path("id").intValue()).isEqualTo(8);
                assertStillAnswers(client);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    class WrongFieldTypes {

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":5}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[]}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\",5]}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"e\",\"seq\":\"12\"}}}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"e\",\"seq\":-1}}}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\"],\"resume\":[]}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\"],\"maxRate\":\"4\"}",
                "{\"type\":\"subscribe\",\"id\":9,\"symbols\":[\"AAPL\"],\"maxRate\":0}",
                "{\"type\":\"unsubscribe\",\"id\":9,\"symbols\":\"AAPL\"}",
                "{\"type\":\"ping\",\"id\":9,\"ts\":\"now\"}"})
        void fieldOfTheWrongTypeIsABadRequestEchoingTheId(String text) throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText(text);

                JsonNode error = client.next("error");
                assertThat(error.path("code").stringValue()).isEqualTo("BAD_REQUEST");
                assertThat(error.path("id").intValue()).isEqualTo(9);
                assertStillAnswers(client);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void badRequestLeavesTheSubscriptionsAsTheyWere() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"MSFT\"]}");
                client.next("subscribed");
                client.sendText("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"AAPL\"],\"maxRate\":\"fast\"}");

                assertThat(client.next("error").path("id").intValue()).isEqualTo(2);
                for (int i = 0; i < 10; i++) {
                    assertThat(client.next("tick").path("symbol").stringValue()).isEqualTo("MSFT");
                }
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }

    @Nested
    @TestPropertySource(properties = "tickwire.limits.max-subscriptions=1")
    class TooManySubscriptions {

        @Test
        void subscribingPastTheLimitIsRefusedAndKeepsTheSubscriptions() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"MSFT\"]}");
                client.next("subscribed");
                client.sendText("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"AAPL\"]}");

                JsonNode error = client.next("error");
                assertThat(error.path("code").stringValue()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
                assertThat(error.path("id").intValue()).isEqualTo(2);
                for (int i = 0; i < 10; i++) {
                    assertThat(client.next("tick").path("symbol").stringValue()).isEqualTo("MSFT");
                }
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void requestPastTheLimitSubscribesNoneOfItsSymbols() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",\"MSFT\"]}");
                assertThat(client.next("error").path("code").stringValue()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");

                // only possible if the refused request left no subscription behind
                client.sendText("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"MSFT\"]}");
                JsonNode subscribed = client.next("subscribed");
                assertThat(subscribed.path("id").intValue()).isEqualTo(2);
                assertThat(subscribed.path("subscriptions")).singleElement()
                        .satisfies(entry -> assertThat(entry.path("symbol").stringValue()).isEqualTo("MSFT"));
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }

        @Test
        void subscribingAgainToASymbolAtTheLimitIsAllowed() throws Exception {
            try (RawWebSocket client = rudeClient()) {
                client.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"MSFT\"]}");
                client.next("subscribed");
                client.sendText("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"MSFT\"],\"maxRate\":4}");

                JsonNode subscribed = client.next("subscribed");
                assertThat(subscribed.path("id").intValue()).isEqualTo(2);
                assertThat(subscribed.path("subscriptions")).hasSize(1);
            }
            healthy.assertGotEveryTickInOrderUntilNow();
        }
    }
}
