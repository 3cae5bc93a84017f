package io.tickwire.session;

import io.tickwire.market.Tick;
import io.tickwire.protocol.ErrorCode;
import io.tickwire.protocol.ServerMessageEncoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTests {

    private static final int ROOMY = 1_000_000;

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final ServerMessageEncoder encoder = new ServerMessageEncoder(mapper);

    @Test
    void emptyOutboxHasNoFrame() {
        Outbox outbox = new Outbox(10);
        assertThat(text(outbox.nextFrame(ROOMY))).isNull();
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(outbox.size()).isZero();
    }

    @Test
    void singleMessageIsSentAsItself() {
        Outbox outbox = new Outbox(10);
        String pong = encoder.pong(3L, 1L, 2L);
        outbox.offerMessage(pong);
        assertThat(text(outbox.nextFrame(ROOMY))).isEqualTo(pong);
        assertThat(text(outbox.nextFrame(ROOMY))).isNull();
    }

    @Test
    void singleTickIsSentAsItself() {
        Outbox outbox = new Outbox(10);
        Tick tick = tick("AAPL", 1);
        outbox.offerTick(tick, encoder.tick(tick));
        assertThat(text(outbox.nextFrame(ROOMY))).isEqualTo(encoder.tick(tick));
    }

    @Test
    void severalMessagesGoAsOneBatchFrameInTheOrderOffered() {
        Outbox outbox = new Outbox(10);
        String unsubscribed = encoder.unsubscribed(1L, List.of("KO"));
        String heartbeat = encoder.heartbeat(9, Map.of("AAPL", 1L));
        outbox.offerMessage(unsubscribed);
        offer(outbox, tick("AAPL", 1));
        offer(outbox, tick("MSFT", 1));
        outbox.offerMessage(heartbeat);
        offer(outbox, tick("AAPL", 2));
        assertThat(outbox.size()).isEqualTo(5);

        String frame = text(outbox.nextFrame(ROOMY));

        assertThat(frame).isEqualTo(ServerMessageEncoder.batch(List.of(unsubscribed, encoder.tick(tick("AAPL", 1)),
                encoder.tick(tick("MSFT", 1)), heartbeat, encoder.tick(tick("AAPL", 2)))));
        assertThat(parse(frame).get("type").stringValue()).isEqualTo("batch");
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(text(outbox.nextFrame(ROOMY))).isNull();
    }

    @Test
    void batchIsBoundedByMaxFrameChars() {
        Outbox outbox = new Outbox(100);
        List<String> offered = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            offered.add(offer(outbox, tick("AAPL", seq)));
        }
        int itemChars = offered.get(0).length();
        int maxFrameChars = ServerMessageEncoder.batchOverhead(3) + 3 * itemChars + 1;

        List<String> frames = drainFrames(outbox, maxFrameChars);

        assertThat(frames).hasSize(4);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.length()).isLessThanOrEqualTo(maxFrameChars));
        assertThat(frames.subList(0, 3)).allSatisfy(frame -> assertThat(parse(frame).get("items")).hasSize(3));
        assertThat(frames.get(3)).isEqualTo(offered.get(9));
        assertThat(items(frames)).containsExactlyElementsOf(offered);
    }

    @Test
    void batchFillsMaxFrameCharsExactly() {
        Outbox outbox = new Outbox(100);
        List<String> offered = new ArrayList<>();
        for (int seq = 1; seq <= 4; seq++) {
            offered.add(offer(outbox, tick("AAPL", seq)));
        }
        String threeItems = ServerMessageEncoder.batch(offered.subList(0, 3));

        assertThat(text(outbox.nextFrame(threeItems.length()))).isEqualTo(threeItems);
    }

    @Test
    void oversizedItemStillGoesAloneAndInTurn() {
        Outbox outbox = new Outbox(100);
        String small = encoder.shutdown(1);
        String big = encoder.error(1L, ErrorCode.BAD_REQUEST, "x".repeat(500));
        outbox.offerMessage(small);
        outbox.offerMessage(big);
        outbox.offerMessage(small);
        int maxFrameChars = 100;

        assertThat(text(outbox.nextFrame(maxFrameChars))).isEqualTo(small);
        assertThat(text(outbox.nextFrame(maxFrameChars))).isEqualTo(big);
        assertThat(text(outbox.nextFrame(maxFrameChars))).isEqualTo(small);
        assertThat(text(outbox.nextFrame(maxFrameChars))).isNull();
    }

    @Test
    void belowTheThresholdEveryTickIsKept() {
        Outbox outbox = new Outbox(5);
        List<String> offered = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            offered.add(offer(outbox, tick("AAPL", seq)));
        }
        assertThat(outbox.conflated()).isZero();
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactlyElementsOf(offered);
    }

    @Test
    void aboveTheThresholdANewerTickReplacesTheWaitingOneInPlace() {
        Outbox outbox = new Outbox(2);
        String apple1 = offer(outbox, tick("AAPL", 1));
        String msft1 = offer(outbox, tick("MSFT", 1));
        offer(outbox, tick("AAPL", 2));
        String apple3 = offer(outbox, tick("AAPL", 3));
        String heartbeat = encoder.heartbeat(5, Map.of());
        outbox.offerMessage(heartbeat);

        assertThat(outbox.size()).isEqualTo(3);
        assertThat(outbox.conflated()).isEqualTo(2);
        assertThat(items(drainFrames(outbox, ROOMY)))
                .containsExactly(ServerMessageEncoder.withSkipped(apple3, 2), msft1, heartbeat)
                .doesNotContain(apple1);
    }

    @Test
    void deliveredTickCarriesSkippedEqualToTheTicksItReplaced() {
        Outbox outbox = new Outbox(1);
        offer(outbox, tick("AAPL", 1));
        for (int seq = 2; seq <= 7; seq++) {
            offer(outbox, tick("AAPL", seq));
        }
        JsonNode delivered = parse(text(outbox.nextFrame(ROOMY)));
        assertThat(delivered.get("type").stringValue()).isEqualTo("tick");
        assertThat(delivered.get("seq").longValue()).isEqualTo(7);
        assertThat(delivered.get("skipped").longValue()).isEqualTo(6);
        assertThat(text(outbox.nextFrame(ROOMY))).isNull();
    }

    @Test
    void theNewestWaitingTickOfASymbolIsTheOneReplaced() {
        Outbox outbox = new Outbox(2);
        String apple1 = offer(outbox, tick("AAPL", 1));
        offer(outbox, tick("AAPL", 2));
        String apple3 = offer(outbox, tick("AAPL", 3));
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(apple1, ServerMessageEncoder.withSkipped(apple3, 1));
    }

    @Test
    void aboveTheThresholdATickOfASymbolWithNothingWaitingIsAppended() {
        Outbox outbox = new Outbox(1);
        String apple1 = offer(outbox, tick("AAPL", 1));
        String msft1 = offer(outbox, tick("MSFT", 1));
        String ko1 = offer(outbox, tick("KO", 1));
        assertThat(outbox.conflated()).isZero();
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(apple1, msft1, ko1);
    }

    @Test
    void aTickQueuedBeforeAMessageIsNotReplacedOnceTheBoundIsReached() {
        Outbox outbox = new Outbox(3);
        String apple1 = offer(outbox, tick("AAPL", 1));
        String pong = encoder.pong(1L, 1L, 1L);
        outbox.offerMessage(pong);
        String msft1 = offer(outbox, tick("MSFT", 1));
        String apple2 = offer(outbox, tick("AAPL", 2));
        String msft2 = offer(outbox, tick("MSFT", 2));

        assertThat(outbox.conflated()).isEqualTo(1);
        assertThat(items(drainFrames(outbox, ROOMY)))
                .containsExactly(apple1, pong, ServerMessageEncoder.withSkipped(msft2, 1), apple2)
                .doesNotContain(msft1);
    }

    @Test
    void controlMessagesAreNeverConflated() {
        Outbox outbox = new Outbox(1);
        String heartbeat = encoder.heartbeat(5, Map.of("AAPL", 1L));
        for (int i = 0; i < 4; i++) {
            outbox.offerMessage(heartbeat);
        }
        assertThat(outbox.size()).isEqualTo(4);
        assertThat(outbox.conflated()).isZero();
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(heartbeat, heartbeat, heartbeat, heartbeat);
    }

    @Test
    void aTickOfASymbolWhoseWaitingTickWasTakenIsAppendedAnew() {
        Outbox outbox = new Outbox(1);
        String apple1 = offer(outbox, tick("AAPL", 1));
        assertThat(text(outbox.nextFrame(ROOMY))).isEqualTo(apple1);
        String pong = encoder.pong(1L, 1L, 1L);
        outbox.offerMessage(pong);
        String apple2 = offer(outbox, tick("AAPL", 2));

        assertThat(outbox.conflated()).isZero();
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(pong, apple2);
    }

    @Test
    void aTickTakenInABatchIsNoLongerReplaced() {
        Outbox outbox = new Outbox(1);
        String apple1 = offer(outbox, tick("AAPL", 1));
        String msft1 = offer(outbox, tick("MSFT", 1));
        assertThat(items(List.of(text(outbox.nextFrame(ROOMY))))).containsExactly(apple1, msft1);
        String ko1 = offer(outbox, tick("KO", 1));
        String apple2 = offer(outbox, tick("AAPL", 2));
        assertThat(outbox.conflated()).isZero();
        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(ko1, apple2);
    }

    @Test
    void aTickNeverOvertakesAControlMessageOfferedBeforeIt() {
        Outbox outbox = new Outbox(1);
        String apple1 = offer(outbox, tick("AAPL", 1));
        String subscribed = "{\"type\":\"subscribed\",\"id\":1,\"subscriptions\":[]}";
        outbox.offerMessage(subscribed);
        String apple2 = offer(outbox, tick("AAPL", 2));

        assertThat(items(drainFrames(outbox, ROOMY))).containsExactly(apple1, subscribed, apple2);
    }

    @Test
    void conflatedCountsEveryReplacedTickOverTime() {
        Outbox outbox = new Outbox(1);
        offer(outbox, tick("AAPL", 1));
        offer(outbox, tick("AAPL", 2));
        offer(outbox, tick("AAPL", 3));
        outbox.nextFrame(ROOMY);
        offer(outbox, tick("MSFT", 1));
        offer(outbox, tick("MSFT", 2));
        outbox.nextFrame(ROOMY);
        assertThat(outbox.conflated()).isEqualTo(3);
    }

    private static String text(Outbox.Frame frame) {
        return frame == null ? null : frame.text();
    }

    private Tick tick(String symbol, long seq) {
        return new Tick(symbol, seq, 100 + seq / 100.0, null, null, null, null, 1_763_760_000_000L + seq);
    }

    private String offer(Outbox outbox, Tick tick) {
        String json = encoder.tick(tick);
        outbox.offerTick(tick, json);
        return json;
    }

    private static List<String> drainFrames(Outbox outbox, int maxFrameChars) {
        List<String> frames = new ArrayList<>();
        for (String frame = text(outbox.nextFrame(maxFrameChars)); frame != null; frame = text(outbox.nextFrame(maxFrameChars))) {
            frames.add(frame);
        }
        return frames;
    }

    /** The messages the frames carry, in order, each as its own JSON text. */
    private List<String> items(List<String> frames) {
        List<String> items = new ArrayList<>();
        for (String frame : frames) {
            JsonNode root = parse(frame);
            if ("batch".equals(root.get("type").stringValue())) {
                for (JsonNode item : root.get("items")) {
                    items.add(mapper.writeValueAsString(item));
                }
            }
            else {
                items.add(frame);
            }
        }
        return items;
    }

    private JsonNode parse(String json) {
        return mapper.readTree(json);
    }
}
