package io.xueliang.synth.plate;

import java.util.Objects;

/**
 * What is written on a plate and its kind. {@code text} is the plate number without separator
 * ("湘C12345"); a "·" or space after the second character is accepted and dropped, so
 * {@code new PlateSpec("湘C·12345", BLUE)} and {@code new PlateSpec("湘C12345", BLUE)} are equal.
 *
 * @param text the plate characters: one province character, then ASCII letters and digits
 * @param type the plate kind, which fixes colours, outline and character count
 */
public record PlateSpec(String text, PlateType type) {

    public PlateSpec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        text = text.replace("·", "").replace(" ", "");
        if (text.codePointCount(0, text.length()) != type.characters()) {
            throw new IllegalArgumentException("plate " + text + " has " + text.codePointCount(0, text.length())
                    + " characters, a " + type + " plate has " + type.characters());
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("plate " + text + ": character " + (i + 1) + " '" + c
                        + "' is not an upper-case ASCII letter or digit");
            }
        }
        if (text.charAt(0) < 0x4E00) {
            throw new IllegalArgumentException("plate " + text + ": first character must be a province character");
        }
    }

    /** The plate as printed, with the separator dot after the second character ("湘C·12345"). */
    public String displayText() {
        return text.substring(0, 2) + "·" + text.substring(2);
    }
}
