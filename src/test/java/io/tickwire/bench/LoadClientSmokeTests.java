package io.tickwire.bench;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's load client against the real server, small: it must count correctly, not fast. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.feed.symbols=S0,S1,S2",
        "tickwire.feed.ticks-per-second=20",
        // many sockets from one address within seconds
        "tickwire.limits.handshakes-per-second-per-address=10000",
        "tickwire.limits.handshake-burst-per-address=10000"})
class LoadClientSmokeTests {

    private static final int CLIENTS = 200;

    @LocalServerPort
    int port;

    @Test
    void twoHundredClientsGetEveryTickWithoutGapOrDuplicate() throws Exception {
        LoadOptions options = new LoadOptions("127.0.0.1", port, "/ws/ticker", CLIENTS, List.of("S0", "S1", "S2"),
                Duration.ofMillis(500), Duration.ofSeconds(3), 2000, 200, Duration.ofSeconds(10), 1, 25_000);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        LoadReport report = LoadClient.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.upgraded()).as(report.summary()).isEqualTo(CLIENTS);
        assertThat(report.failed()).as(report.summary()).isZero();
        assertThat(report.dropped()).as(report.summary()).isZero();
        assertThat(report.gaps()).as(report.summary()).isZero();
        assertThat(report.duplicates()).as(report.summary()).isZero();
        assertThat(report.malformed()).as(report.summary()).isZero();
        assertThat(report.silentClients()).as("clients that received no tick").isZero();
        assertThat(report.ticks()).as("ticks in the measuring window").isPositive();
        assertThat(report.latency().count()).isEqualTo(report.ticks());
        assertThat(report.correct()).isTrue();
    }
}
