package io.tickwire.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageAssemblerTests {

    private final MessageAssembler assembler = new MessageAssembler(16, 4);

    @Test
    void wholeMessageComesBackAsIs() {
        assertThat(assembler.append("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
    }

    @Test
    void partsAreJoinedWhenTheLastArrives() {
        assertThat(assembler.append("{\"a\"", false)).isNull();
        assertThat(assembler.append(":1", false)).isNull();
        assertThat(assembler.append("}", true)).isEqualTo("{\"a\":1}");
        assertThat(assembler.append("{}", true)).isEqualTo("{}");
    }

    @Test
    void sizeIsCountedInUtf8Bytes() {
        assertThat(assembler.append("é".repeat(8), true)).hasSize(8);
        assertThatThrownBy(() -> assembler.append("é".repeat(9), true)).isInstanceOf(MessageAssembler.TooBig.class);
    }

    @Test
    void messageSpreadOverTooManyPartsIsTooBigEvenWhenEmpty() {
        for (int i = 0; i < 4; i++) {
            assembler.append("", false);
        }

        assertThatThrownBy(() -> assembler.append("", false)).isInstanceOf(MessageAssembler.TooBig.class)
                .hasMessageContaining("frames");
    }

    @Test
    void partsAreCountedPerMessage() {
        for (int message = 0; message < 10; message++) {
            assembler.append("{", false);
            assembler.append("}", true);
        }
        assertThat(assembler.append("{}", true)).isEqualTo("{}");
    }

}
