package io.tickwire.protocol;

import io.tickwire.history.Resumption;
import io.tickwire.market.Tick;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMessageEncoderTests {

    private static final Tick FULL = new Tick("AAPL", 1046, 189.23, 189.22, 189.24, 1_203_400L, 187.90, 1_763_760_000_456L);

    private static final Tick BARE = new Tick("AAPL", 1047, 189.25, null, null, null, null, 1_763_760_000_470L);

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final ServerMessageEncoder encoder = new ServerMessageEncoder(mapper);

    @Test
    void encodesATickWithEveryField() {
        assertJson(encoder.tick(FULL), """
                {"type":"tick","symbol":"AAPL","seq":1046,"price":189.23,"bid":189.22,
                 "ask":189.24,"volume":1203400,"open":187.90,"ts":1763760000456}""");
    }

    @Test
    void leavesOutTheOptionalFieldsATickDoesNotHave() {
        assertJson(encoder.tick(BARE), """
                {"type":"tick","symbol":"AAPL","seq":1047,"price":189.25,"ts":1763760000470}""");
    }

    @Test
    void encodesAWholePriceAsANumber() {
        JsonNode tick = parse(encoder.tick(new Tick("KO", 1, 60, null, null, null, null, 5)));
        assertThat(tick.get("price").isNumber()).isTrue();
        assertThat(tick.get("price").doubleValue()).isEqualTo(60.0);
    }

    @Test
    void addsSkippedToAnEncodedTick() {
        assertJson(ServerMessageEncoder.withSkipped(encoder.tick(BARE), 3), """
                {"type":"tick","symbol":"AAPL","seq":1047,"price":189.25,"ts":1763760000470,"skipped":3}""");
        assertJson(ServerMessageEncoder.withSkipped(encoder.tick(FULL), 1), """
                {"type":"tick","symbol":"AAPL","seq":1046,"price":189.23,"bid":189.22,
                 "ask":189.24,"volume":1203400,"open":187.90,"ts":1763760000456,"skipped":1}""");
    }

    @Test
    void addsNoSkippedWhenNothingWasSkipped() {
        String tick = encoder.tick(BARE);
        assertThat(ServerMessageEncoder.withSkipped(tick, 0)).isEqualTo(tick);
        assertThat(ServerMessageEncoder.withSkipped(tick, -1)).isEqualTo(tick);
    }

    @Test
    void encodesWelcome() {
        assertJson(encoder.welcome("c1f0a2", "node-a", 15_000, 200, 16_384, 20), """
                {"type":"welcome","protocol":1,"session":"c1f0a2","node":"node-a",
                 "heartbeatMs":15000,
                 "limits":{"maxSubscriptions":200,"maxMessageBytes":16384,"maxMessagesPerSecond":20}}""");
    }

    @Test
    void encodesSubscribedWithReplaySnapshotAndRejection() {
        Tick replayed = new Tick("AAPL", 1045, 189.20, null, null, null, null, 1_763_760_000_001L);
        Tick latest = new Tick("MSFT", 88, 411.02, null, null, null, null, 1_763_760_000_050L);
        String json = encoder.subscribed(1L,
                List.of(Resumption.recovered("AAPL", "k3f9", 1045, List.of(replayed)),
                        Resumption.snapshot("MSFT", "a71c", 88, latest)),
                List.of(new ServerMessageEncoder.Rejected("NOPE", ErrorCode.UNKNOWN_SYMBOL, "no such symbol")));
        assertJson(json, """
                {"type":"subscribed","id":1,
                 "subscriptions":[
                   {"symbol":"AAPL","epoch":"k3f9","seq":1045,"recovered":true,
                    "replay":[{"type":"tick","symbol":"AAPL","seq":1045,"price":189.20,"ts":1763760000001}]},
                   {"symbol":"MSFT","epoch":"a71c","seq":88,"recovered":false,
                    "snapshot":{"type":"tick","symbol":"MSFT","seq":88,"price":411.02,"ts":1763760000050}}],
                 "rejected":[{"symbol":"NOPE","code":"UNKNOWN_SYMBOL","message":"no such symbol"}]}""");
    }

    @Test
    void encodesAReplayOfSeveralTicksInOrder() {
        List<Tick> replay = List.of(
                new Tick("AAPL", 1042, 189.20, null, null, null, null, 1),
                new Tick("AAPL", 1043, 189.21, 189.20, null, null, null, 2),
                new Tick("AAPL", 1044, 189.22, null, null, 7L, null, 3));
        JsonNode entry = parse(encoder.subscribed(1L, List.of(Resumption.recovered("AAPL", "k3f9", 1044, replay)), List.of()))
                .get("subscriptions").get(0);
        assertThat(entry.get("replay")).hasSize(3);
        assertThat(entry.get("replay").get(0)).isEqualTo(parse(encoder.tick(replay.get(0))));
        assertThat(entry.get("replay").get(1)).isEqualTo(parse(encoder.tick(replay.get(1))));
        assertThat(entry.get("replay").get(2)).isEqualTo(parse(encoder.tick(replay.get(2))));
    }

    @Test
    void encodesARecoveredEntryWithNothingToReplayWithAnEmptyReplay() {
        assertJson(encoder.subscribed(1L, List.of(Resumption.recovered("AAPL", "k3f9", 1045, List.of())), List.of()), """
                {"type":"subscribed","id":1,
                 "subscriptions":[{"symbol":"AAPL","epoch":"k3f9","seq":1045,"recovered":true,"replay":[]}]}""");
    }

    @Test
    void encodesASymbolWithoutTicksWithoutSnapshot() {
        assertJson(encoder.subscribed("req-1", List.of(Resumption.snapshot("KO", "z9", 0, null)), List.of()), """
                {"type":"subscribed","id":"req-1",
                 "subscriptions":[{"symbol":"KO","epoch":"z9","seq":0,"recovered":false}]}""");
    }

    @Test
    void encodesSubscribedWithOnlyRejectionsAndNoId() {
        assertJson(encoder.subscribed(null, List.of(),
                List.of(new ServerMessageEncoder.Rejected("NOPE", ErrorCode.UNKNOWN_SYMBOL, "no such symbol"),
                        new ServerMessageEncoder.Rejected("GOOG", ErrorCode.NOT_ENTITLED, "not entitled"))), """
                {"type":"subscribed","subscriptions":[],
                 "rejected":[{"symbol":"NOPE","code":"UNKNOWN_SYMBOL","message":"no such symbol"},
                             {"symbol":"GOOG","code":"NOT_ENTITLED","message":"not entitled"}]}""");
    }

    @Test
    void encodesUnsubscribed() {
        assertJson(encoder.unsubscribed(2L, List.of("MSFT")), """
                {"type":"unsubscribed","id":2,"symbols":["MSFT"]}""");
        assertJson(encoder.unsubscribed(null, List.of("MSFT", "AAPL")), """
                {"type":"unsubscribed","symbols":["MSFT","AAPL"]}""");
    }

    @Test
    void encodesHeartbeatWithTheSeqOfEachSymbol() {
        Map<String, Long> seqs = new LinkedHashMap<>();
        seqs.put("AAPL", 1047L);
        seqs.put("MSFT", 89L);
        assertJson(encoder.heartbeat(1_763_760_015_000L, seqs), """
                {"type":"heartbeat","ts":1763760015000,"seqs":{"AAPL":1047,"MSFT":89}}""");
        assertJson(encoder.heartbeat(5, Map.of()), """
                {"type":"heartbeat","ts":5,"seqs":{}}""");
    }

    @Test
    void encodesPongEchoingIdAndClientTime() {
        assertJson(encoder.pong(3L, 1_763_760_000_123L, 1_763_760_000_125L), """
                {"type":"pong","id":3,"ts":1763760000123,"serverTs":1763760000125}""");
        assertJson(encoder.pong(null, null, 9), """
                {"type":"pong","serverTs":9}""");
    }

    @Test
    void encodesError() {
        assertJson(encoder.error(7L, ErrorCode.BAD_JSON, "expected a JSON object"), """
                {"type":"error","id":7,"code":"BAD_JSON","message":"expected a JSON object"}""");
        assertJson(encoder.error(null, ErrorCode.RATE_LIMITED, "slow down"), """
                {"type":"error","code":"RATE_LIMITED","message":"slow down"}""");
    }

    @Test
    void encodesAProtocolExceptionAsError() {
        assertJson(encoder.error(new ProtocolException(ErrorCode.UNKNOWN_TYPE, "q", "unknown message type")), """
                {"type":"error","id":"q","code":"UNKNOWN_TYPE","message":"unknown message type"}""");
    }

    @Test
    void escapesWhatAnErrorMessageQuotes() {
        String message = "resume.\"A\\B\"\n must be {epoch, seq}";
        JsonNode error = parse(encoder.error(1L, ErrorCode.BAD_REQUEST, message));
        assertThat(error.get("message").stringValue()).isEqualTo(message);
    }

    @Test
    void encodesShutdown() {
        assertJson(encoder.shutdown(2_300), """
                {"type":"shutdown","reconnectAfterMs":2300}""");
    }

    @Test
    void batchesEncodedMessagesInOrder() {
        String first = encoder.tick(BARE);
        String second = ServerMessageEncoder.withSkipped(encoder.tick(FULL), 2);
        String third = encoder.heartbeat(5, Map.of("AAPL", 1047L));
        JsonNode batch = parse(ServerMessageEncoder.batch(List.of(first, second, third)));
        assertThat(batch.propertyNames()).containsExactly("type", "items");
        assertThat(batch.get("type").stringValue()).isEqualTo("batch");
        assertThat(batch.get("items")).containsExactly(parse(first), parse(second), parse(third));
    }

    @Test
    void batchOfOneHoldsThatOne() {
        String tick = encoder.tick(FULL);
        assertJson(ServerMessageEncoder.batch(List.of(tick)), "{\"type\":\"batch\",\"items\":[" + tick + "]}");
    }

    @Test
    void batchOverheadIsWhatABatchAddsAroundItsItems() {
        List<String> items = new ArrayList<>();
        for (int count = 0; count <= 5; count++) {
            int itemChars = items.stream().mapToInt(String::length).sum();
            assertThat(ServerMessageEncoder.batch(items).length() - itemChars)
                    .as("overhead of %d items", count).isEqualTo(ServerMessageEncoder.batchOverhead(count));
            items.add(encoder.tick(new Tick("AAPL", count + 1, 100 + count, null, null, null, null, count)));
        }
    }

    private JsonNode parse(String json) {
        return mapper.readTree(json);
    }

    private void assertJson(String actual, String expected) {
        assertThat(parse(actual)).as(actual).isEqualTo(parse(expected));
    }
}
