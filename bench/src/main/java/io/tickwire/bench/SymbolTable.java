package io.tickwire.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers symbols in the order first seen, looked up straight from message bytes so that a tick costs no
 * allocation. Not thread-safe: one per I/O thread.
 */
final class SymbolTable {

    /** More distinct symbols than this is a server misbehaving, not a market. */
    static final int MAX_SYMBOLS = 100_000;

    private byte[][] keys = new byte[64][];

    private int[] ids = new int[64];

    private final List<String> names = new ArrayList<>();

    /** @return the symbol's number, from 0 up; -1 once {@link #MAX_SYMBOLS} are known and this is a new one */
    int idOf(byte[] b, int start, int end) {
        int hash = hash(b, start, end);
        int mask = keys.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            byte[] key = keys[i];
            if (key == null) {
                return insert(b, start, end, i);
            }
            if (Arrays.equals(key, 0, key.length, b, start, end)) {
                return ids[i];
            }
        }
    }

    int size() {
        return names.size();
    }

    String name(int id) {
        return names.get(id);
    }

    private int insert(byte[] b, int start, int end, int slot) {
        if (names.size() >= MAX_SYMBOLS) {
            return -1;
        }
        int id = names.size();
        keys[slot] = Arrays.copyOfRange(b, start, end);
        ids[slot] = id;
        names.add(new String(b, start, end - start, StandardCharsets.UTF_8));
        if (names.size() * 2 > keys.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldIds = ids;
        keys = new byte[oldKeys.length * 2][];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] key = oldKeys[j];
            if (key != null) {
                int i = hash(key, 0, key.length) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                ids[i] = oldIds[j];
            }
        }
    }

    private static int hash(byte[] b, int start, int end) {
        int h = 0x811C9DC5;
        for (int i = start; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
