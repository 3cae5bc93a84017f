package io.tickwire.protocol;

/** Sizes of text on the wire, counted without encoding it. */
public final class Utf8 {

    private Utf8() {
    }

    /** How many bytes the text takes in UTF-8, a surrogate pair counted as the four bytes of its code point. */
    public static int length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
