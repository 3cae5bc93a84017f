package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadOptionsTests {

    @Test
    void parsesTimesAndSymbols() {
        LoadOptions o = LoadOptions.parse(new String[] { "--port", "9000", "--clients", "50", "--symbols", "3",
                "--duration", "1.5s", "--warmup", "250ms" });
        assertThat(o.symbols()).containsExactly("S0", "S1", "S2");
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(250));
        assertThat(LoadOptions.parse(new String[] { "--port", "1", "--symbols", "AAPL,MSFT" }).symbols())
                .containsExactly("AAPL", "MSFT");
        assertThat(LoadOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(IoLoop.subscribeMessage(o.symbols())).isEqualTo("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"S0\",\"S1\",\"S2\"]}");
    }

    @Test
    void onlyLoopbackIsATarget() throws Exception {
        assertThat(LoadOptions.defaults(80).target().isLoopbackAddress()).isTrue();
        LoadOptions elsewhere = LoadOptions.parse(new String[] { "--port", "80", "--host", "192.0.2.1" });
        assertThatIllegalArgumentException().isThrownBy(elsewhere::target);
    }

    @Test
    void spreadsOverLoopbackSourceAddressesOnlyBeyondOneAddressWorthOfPorts() throws Exception {
        assertThat(LoadOptions.defaults(80).withClients(25_000).localAddresses()).isEmpty();
        assertThat(LoadOptions.defaults(80).withClients(60_000).localAddresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
    }

    @Test
    void refusesUnboundedRuns() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] { "--clients", "10" }));
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] { "--port", "1", "--duration", "2h" }));
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] { "--port", "1", "--clients", "0" }));
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] { "--port", "1", "--clients", "2000000" }));
    }
}
