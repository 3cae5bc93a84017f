package io.tickwire.cluster;

import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TickCodecTests {

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Quote quote = new Quote("BRK.B", 0.1 + 0.2, 1e-7, 1.7976931348623157e308, Long.MAX_VALUE, 187.90);
        assertThat(TickCodec.decode("BRK.B", 42, TickCodec.encode(quote, 1_763_760_000_456L)))
                .isEqualTo(Tick.of(quote, 42, 1_763_760_000_456L));
    }

    @Test
    void missingOptionalFieldsStayMissing() {
        String encoded = TickCodec.encode(Quote.of("AAPL", 189.2), 1_000);
        assertThat(encoded).isEqualTo("1000;189.2;;;;");
        assertThat(TickCodec.decode("AAPL", 1, encoded)).isEqualTo(new Tick("AAPL", 1, 189.2, null, null, null, null, 1_000));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TickCodec.decode("AAPL", 1, "1000;189.2"));
    }
}
