package io.tickwire.protocol;

import io.tickwire.history.Position;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientMessageDecoderTests {

    private final ClientMessageDecoder decoder = new ClientMessageDecoder(JsonMapper.builder().build());

    @Test
    void decodesSubscribeAsInTheProtocol() {
        ClientMessage message = decoder.decode("""
                {"type":"subscribe","id":1,"symbols":["AAPL","MSFT"],
                 "resume":{"AAPL":{"epoch":"k3f9","seq":1041}},
                 "maxRate":4}""");
        assertThat(message).isEqualTo(new ClientMessage.Subscribe(1L, List.of("AAPL", "MSFT"),
                Map.of("AAPL", new Position("k3f9", 1041)), 4.0));
    }

    @Test
    void decodesSubscribeWithOnlySymbols() {
        ClientMessage.Subscribe subscribe = subscribe("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        assertThat(subscribe.id()).isNull();
        assertThat(subscribe.symbols()).containsExactly("AAPL");
        assertThat(subscribe.resume()).isEmpty();
        assertThat(subscribe.maxRate()).isNull();
    }

    @Test
    void keepsAnIntegerIdAsALong() {
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":7}").id()).isEqualTo(7L);
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":9007199254740993}").id()).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void keepsAStringIdAsAString() {
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":\"req-7\"}").id()).isEqualTo("req-7");
        String longest = "x".repeat(64);
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":\"" + longest + "\"}").id()).isEqualTo(longest);
    }

    @Test
    void nullIdIsNoId() {
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":null}").id()).isNull();
    }

    @Test
    void dropsRepeatedSymbolsKeepingTheirFirstPlace() {
        assertThat(subscribe("{\"type\":\"subscribe\",\"symbols\":[\"MSFT\",\"AAPL\",\"MSFT\",\"KO\",\"AAPL\"]}").symbols())
                .containsExactly("MSFT", "AAPL", "KO");
    }

    @Test
    void decodesAResumePositionPerSymbol() {
        ClientMessage.Subscribe subscribe = subscribe("""
                {"type":"subscribe","symbols":["AAPL","MSFT"],
                 "resume":{"AAPL":{"epoch":"k3f9","seq":1041},"MSFT":{"epoch":"a71c","seq":0}}}""");
        assertThat(subscribe.resume()).containsExactly(
                Map.entry("AAPL", new Position("k3f9", 1041)),
                Map.entry("MSFT", new Position("a71c", 0)));
    }

    @Test
    void nullResumeIsNoResume() {
        assertThat(subscribe("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"resume\":null}").resume()).isEmpty();
    }

    @Test
    void decodesAFractionalMaxRate() {
        assertThat(subscribe("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":0.5}").maxRate()).isEqualTo(0.5);
    }

    @Test
    void decodesUnsubscribe() {
        assertThat(decoder.decode("{\"type\":\"unsubscribe\",\"id\":2,\"symbols\":[\"MSFT\",\"MSFT\"]}"))
                .isEqualTo(new ClientMessage.Unsubscribe(2L, List.of("MSFT")));
    }

    @Test
    void decodesPingWithItsTimestamp() {
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":3,\"ts\":1763760000123}"))
                .isEqualTo(new ClientMessage.Ping(3L, 1_763_760_000_123L));
    }

    @Test
    void decodesPingWithoutTimestamp() {
        assertThat(decoder.decode("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping(null, null));
    }

    @Test
    void ignoresUnknownFields() {
        assertThat(decoder.decode("{\"type\":\"ping\",\"id\":3,\"ts\":5,\"future\":{\"x\":[1,2]},\"v\":2}"))
                .isEqualTo(new ClientMessage.Ping(3L, 5L));
        assertThat(subscribe("{\"extra\":true,\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"priority\":\"high\"}").symbols())
                .containsExactly("AAPL");
    }

    @Test
    void textThatIsNotJsonIsBadJson() {
        assertRefused("not json", ErrorCode.BAD_JSON, null);
        assertRefused("{\"type\":\"ping\"", ErrorCode.BAD_JSON, null);
        assertRefused("", ErrorCode.BAD_JSON, null);
    }

    @Test
    void jsonThatIsNotAnObjectIsBadJson() {
        assertRefused("[{\"type\":\"ping\"}]", ErrorCode.BAD_JSON, null);
        assertRefused("\"ping\"", ErrorCode.BAD_JSON, null);
        assertRefused("42", ErrorCode.BAD_JSON, null);
        assertRefused("null", ErrorCode.BAD_JSON, null);
    }

    @Test
    void missingTypeIsABadRequestThatEchoesTheId() {
        assertRefused("{\"id\":5,\"symbols\":[\"AAPL\"]}", ErrorCode.BAD_REQUEST, 5L);
    }

    @Test
    void typeThatIsNotAStringIsABadRequest() {
        assertRefused("{\"type\":1,\"id\":\"a\"}", ErrorCode.BAD_REQUEST, "a");
        assertRefused("{\"type\":null}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":[\"ping\"]}", ErrorCode.BAD_REQUEST, null);
    }

    @Test
    void unknownTypeIsRefusedAndEchoesTheId() {
        assertRefused("{\"type\":\"publish\",\"id\":9}", ErrorCode.UNKNOWN_TYPE, 9L);
        assertRefused("{\"type\":\"Subscribe\",\"id\":\"s\",\"symbols\":[\"AAPL\"]}", ErrorCode.UNKNOWN_TYPE, "s");
    }

    @Test
    void subscribeWithoutUsableSymbolsIsABadRequest() {
        assertRefused("{\"type\":\"subscribe\",\"id\":1}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[]}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":\"AAPL\"}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":null}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",7]}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\",null]}", ErrorCode.BAD_REQUEST, 1L);
        assertRefused("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[[\"AAPL\"]]}", ErrorCode.BAD_REQUEST, 1L);
    }

    @Test
    void unsubscribeWithoutUsableSymbolsIsABadRequest() {
        assertRefused("{\"type\":\"unsubscribe\",\"id\":2}", ErrorCode.BAD_REQUEST, 2L);
        assertRefused("{\"type\":\"unsubscribe\",\"id\":2,\"symbols\":[]}", ErrorCode.BAD_REQUEST, 2L);
        assertRefused("{\"type\":\"unsubscribe\",\"id\":2,\"symbols\":[{}]}", ErrorCode.BAD_REQUEST, 2L);
    }

    @Test
    void resumeOfTheWrongShapeIsABadRequest() {
        String[] resumes = {
                "[]",
                "\"k3f9:1041\"",
                "{\"AAPL\":1041}",
                "{\"AAPL\":{\"seq\":1041}}",
                "{\"AAPL\":{\"epoch\":\"k3f9\"}}",
                "{\"AAPL\":{\"epoch\":7,\"seq\":1041}}",
                "{\"AAPL\":{\"epoch\":\"k3f9\",\"seq\":\"1041\"}}",
                "{\"AAPL\":{\"epoch\":\"k3f9\",\"seq\":1041.5}}",
                "{\"AAPL\":{\"epoch\":\"k3f9\",\"seq\":99999999999999999999}}",
                "{\"AAPL\":{\"epoch\":\"" + "e".repeat(65) + "\",\"seq\":1}}",
        };
        for (String resume : resumes) {
            assertRefused("{\"type\":\"subscribe\",\"id\":4,\"symbols\":[\"AAPL\"],\"resume\":" + resume + "}",
                    ErrorCode.BAD_REQUEST, 4L);
        }
    }

    @Test
    void negativeResumeSeqIsABadRequest() {
        assertRefused("{\"type\":\"subscribe\",\"id\":4,\"symbols\":[\"AAPL\"],\"resume\":{\"AAPL\":{\"epoch\":\"k3f9\",\"seq\":-1}}}",
                ErrorCode.BAD_REQUEST, 4L);
    }

    @Test
    void maxRateThatIsNotAPositiveNumberIsABadRequest() {
        for (String maxRate : new String[] {"0", "-1", "0.0", "-0.5", "\"4\"", "true", "[4]", "{}", "1e400"}) {
            assertRefused("{\"type\":\"subscribe\",\"id\":6,\"symbols\":[\"AAPL\"],\"maxRate\":" + maxRate + "}",
                    ErrorCode.BAD_REQUEST, 6L);
        }
    }

    @Test
    void pingTimestampThatIsNotAnIntegerIsABadRequest() {
        assertRefused("{\"type\":\"ping\",\"id\":3,\"ts\":\"now\"}", ErrorCode.BAD_REQUEST, 3L);
        assertRefused("{\"type\":\"ping\",\"id\":3,\"ts\":1.5}", ErrorCode.BAD_REQUEST, 3L);
    }

    @Test
    void idThatIsNeitherAnIntegerNorAShortStringIsABadRequest() {
        assertRefused("{\"type\":\"ping\",\"id\":{\"n\":1}}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":\"ping\",\"id\":[1]}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":\"ping\",\"id\":true}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":\"ping\",\"id\":1.5}", ErrorCode.BAD_REQUEST, null);
        assertRefused("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}", ErrorCode.BAD_REQUEST, null);
    }

    @Test
    void badIdIsReportedBeforeAnythingElse() {
        assertRefused("{\"type\":\"nonsense\",\"id\":{}}", ErrorCode.BAD_REQUEST, null);
    }

    private ClientMessage.Subscribe subscribe(String text) {
        ClientMessage message = decoder.decode(text);
        assertThat(message).isInstanceOf(ClientMessage.Subscribe.class);
        return (ClientMessage.Subscribe) message;
    }

    private void assertRefused(String text, ErrorCode code, Object id) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> decoder.decode(text));
        assertThat(refusal).as("decoding %s", text).isNotNull();
        assertThat(refusal.code()).as("code for %s", text).isEqualTo(code);
        assertThat(refusal.requestId()).as("id for %s", text).isEqualTo(id);
        assertThat(refusal.getMessage()).as("message for %s", text).isNotBlank();
    }
}
