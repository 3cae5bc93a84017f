package io.tickwire.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

    @Test
    void countsSurrogatePairsAsFourBytes() {
        assertThat(Utf8.length("a")).isEqualTo(1);
        assertThat(Utf8.length("é")).isEqualTo(2);
        assertThat(Utf8.length("€")).isEqualTo(3);
        assertThat(Utf8.length("😀")).isEqualTo(4);
    }
}
