package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublishedTickTests {

    @Test
    void decodesSymbolEpochSeqAndFields() {
        Quote quote = new Quote("BRK.B", 411.02, 411.01, 411.03, 1_500L, 409.5);
        PublishedTick published = PublishedTick.decode("BRK.B;k3f9;1046;" + TickCodec.encode(quote, 1_763_760_000_456L));
        assertThat(published).isEqualTo(new PublishedTick("k3f9", Tick.of(quote, 1046, 1_763_760_000_456L)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "AAPL", "AAPL;k3f9", "AAPL;k3f9;12", ";k3f9;12;1000;1.0;;;;", "AAPL;k3f9;x;1000;1.0;;;;" })
    void refusesAnythingElse(String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> PublishedTick.decode(message));
    }
}
