package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageScannerTests {

    /** Writes down what the scanner finds, as {@code tick S3 seq=1 ts=2 skipped=0}. */
    static final class Found implements MessageScanner.Sink {

        final List<String> events = new ArrayList<>();

        @Override
        public void onTick(byte[] buf, int symbolStart, int symbolEnd, long seq, long ts, long skipped) {
            events.add("tick " + new String(buf, symbolStart, symbolEnd - symbolStart, StandardCharsets.UTF_8)
                    + " seq=" + seq + " ts=" + (ts == MessageScanner.MISSING ? "none" : ts) + " skipped=" + skipped);
        }

        @Override
        public void onSubscribed(byte[] buf, int symbolStart, int symbolEnd, long seq) {
            events.add("subscribed " + new String(buf, symbolStart, symbolEnd - symbolStart, StandardCharsets.UTF_8) + " seq=" + seq);
        }

        @Override
        public void onMalformed() {
            events.add("malformed");
        }
    }

    private final MessageScanner scanner = new MessageScanner();

    private List<String> scan(String json) {
        Found found = new Found();
        byte[] bytes = ("##" + json + "##").getBytes(StandardCharsets.UTF_8);
        scanner.scan(bytes, 2, bytes.length - 4, found);
        return found.events;
    }

    @Test
    void readsAPeerTick() {
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S3\",\"seq\":123,\"price\":101.25,\"ts\":1763760000456}"))
                .containsExactly("tick S3 seq=123 ts=1763760000456 skipped=0");
    }

    @Test
    void readsATickwireTickWithOptionalFieldsAndSkipped() {
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"BRK.B\",\"seq\":1046,\"price\":189.23,\"bid\":189.22,"
                + "\"ask\":189.24,\"volume\":1203400,\"open\":187.90,\"ts\":1763760000456,\"skipped\":7}"))
                .containsExactly("tick BRK.B seq=1046 ts=1763760000456 skipped=7");
    }

    @Test
    void fieldOrderAndWhitespaceDoNotMatter() {
        assertThat(scan(" { \"ts\" : 5 , \"seq\":\t9,\n\"symbol\" : \"A\", \"price\": -1.5e3, \"type\" : \"tick\" } "))
                .containsExactly("tick A seq=9 ts=5 skipped=0");
    }

    @Test
    void countsEveryItemOfABatch() {
        assertThat(scan("{\"type\":\"batch\",\"items\":["
                + "{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1047,\"price\":189.25,\"ts\":1763760000470},"
                + "{\"type\":\"heartbeat\",\"ts\":1,\"seqs\":{\"S0\":1047}},"
                + "{\"type\":\"tick\",\"symbol\":\"S1\",\"seq\":89,\"price\":411.10,\"ts\":1763760000471,\"skipped\":2}]}"))
                .containsExactly("tick S0 seq=1047 ts=1763760000470 skipped=0", "tick S1 seq=89 ts=1763760000471 skipped=0".replace("skipped=0", "skipped=2"));
    }

    @Test
    void batchWhoseTypeComesAfterItsItems() {
        assertThat(scan("{\"items\":[{\"symbol\":\"S0\",\"seq\":1,\"ts\":2,\"type\":\"tick\"}],\"type\":\"batch\"}"))
                .containsExactly("tick S0 seq=1 ts=2 skipped=0");
    }

    @Test
    void emptyBatchAndOtherMessagesFindNothing() {
        assertThat(scan("{\"type\":\"batch\",\"items\":[]}")).isEmpty();
        assertThat(scan("{\"type\":\"welcome\",\"protocol\":1,\"session\":\"c1f0a2\",\"node\":\"n\",\"heartbeatMs\":15000,"
                + "\"limits\":{\"maxSubscriptions\":200,\"maxMessageBytes\":16384,\"maxMessagesPerSecond\":20}}")).isEmpty();
        assertThat(scan("{\"type\":\"heartbeat\",\"ts\":1763760015000,\"seqs\":{\"AAPL\":1047,\"MSFT\":89}}")).isEmpty();
        assertThat(scan("{\"type\":\"unknown\",\"items\":[{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1,\"ts\":2}]}")).isEmpty();
        assertThat(scan("{}")).isEmpty();
    }

    @Test
    void readsSubscribedEntriesButNotTheirSnapshotsOrReplays() {
        assertThat(scan("{\"type\":\"subscribed\",\"id\":1,\"subscriptions\":["
                + "{\"symbol\":\"AAPL\",\"epoch\":\"k3f9\",\"seq\":1045,\"recovered\":true,"
                + "\"replay\":[{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":1042,\"price\":189.20,\"ts\":1763760000001}]},"
                + "{\"snapshot\":{\"type\":\"tick\",\"symbol\":\"MSFT\",\"seq\":88,\"price\":411.02,\"ts\":1763760000050},"
                + "\"symbol\":\"MSFT\",\"epoch\":\"a71c\",\"seq\":88,\"recovered\":false},"
                + "{\"symbol\":\"NEW\",\"epoch\":\"e\",\"recovered\":false}],"
                + "\"rejected\":[{\"symbol\":\"NOPE\",\"code\":\"UNKNOWN_SYMBOL\",\"message\":\"no such symbol\"}]}"))
                .containsExactly("subscribed AAPL seq=1045", "subscribed MSFT seq=88");
    }

    @Test
    void stringsWithEscapedQuotesAndBracketsAreSkippedWhole() {
        assertThat(scan("{\"type\":\"tick\",\"note\":\"a \\\"}] \\\\\",\"extra\":{\"seq\":999,\"x\":[\"]\"]},"
                + "\"symbol\":\"S9\",\"seq\":4,\"ts\":5}"))
                .containsExactly("tick S9 seq=4 ts=5 skipped=0");
    }

    @Test
    void tickWithoutTsIsStillATick() {
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1}")).containsExactly("tick S0 seq=1 ts=none skipped=0");
    }

    @Test
    void malformedMessagesAreReportedNotThrown() {
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1")).containsExactly("malformed");
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\"}")).containsExactly("malformed");
        assertThat(scan("{\"type\":\"tick\",\"seq\":3}")).containsExactly("malformed");
        assertThat(scan("[1,2]")).containsExactly("malformed");
        assertThat(scan("")).containsExactly("malformed");
        assertThat(scan("{\"type\":\"tick\" \"symbol\":\"S0\"}")).containsExactly("malformed");
        // what was read before the break still counts; the break is reported
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1} trailing"))
                .containsExactly("tick S0 seq=1 ts=none skipped=0", "malformed");
        assertThat(scan("{\"type\":\"batch\",\"items\":[{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":1},{\"type\""))
                .containsExactly("tick S0 seq=1 ts=none skipped=0", "malformed");
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":-}")).containsExactly("malformed");
        assertThat(scan("{\"type\":\"batch\",\"items\":[" + "{\"type\":\"batch\",\"items\":[".repeat(5) + "]}".repeat(6)))
                .containsExactly("malformed");
    }

    @Test
    void scannerIsReusableAfterAMalformedMessage() {
        assertThat(scan("{\"type\":")).containsExactly("malformed");
        assertThat(scan("{\"type\":\"tick\",\"symbol\":\"S0\",\"seq\":2,\"ts\":3}")).containsExactly("tick S0 seq=2 ts=3 skipped=0");
    }
}
