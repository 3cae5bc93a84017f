package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolTableTests {

    private final SymbolTable table = new SymbolTable();

    @Test
    void sameBytesGetTheSameIdWhereverTheyAre() {
        byte[] a = "xxS12yy".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "S12".getBytes(StandardCharsets.US_ASCII);
        int id = table.idOf(a, 2, 5);
        assertThat(table.idOf(b, 0, 3)).isEqualTo(id);
        assertThat(table.name(id)).isEqualTo("S12");
        assertThat(table.idOf(b, 0, 2)).isNotEqualTo(id);
    }

    @Test
    void idsCountUpFromZeroAcrossGrowth() {
        for (int i = 0; i < 1000; i++) {
            byte[] name = ("SYM" + i).getBytes(StandardCharsets.US_ASCII);
            assertThat(table.idOf(name, 0, name.length)).isEqualTo(i);
        }
        for (int i = 999; i >= 0; i--) {
            byte[] name = ("SYM" + i).getBytes(StandardCharsets.US_ASCII);
            assertThat(table.idOf(name, 0, name.length)).isEqualTo(i);
        }
        assertThat(table.size()).isEqualTo(1000);
    }
}
