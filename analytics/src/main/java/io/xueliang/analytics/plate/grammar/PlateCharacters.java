package io.xueliang.analytics.plate.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * A read cleaned for matching: full-width forms folded to ASCII, letters upper-cased, separators removed or
 * collapsed to one {@code '-'}. Confidences stay aligned with the characters.
 */
record PlateCharacters(int[] codePoints, double[] confidences) {

    static final int SEPARATOR = '-';

    static PlateCharacters of(RecognisedText raw, boolean keepSeparators) {
        List<Integer> cps = new ArrayList<>(raw.length());
        List<Double> conf = new ArrayList<>(raw.length());
        boolean pendingSeparator = false;
        for (int i = 0; i < raw.length(); i++) {
            int c = fold(raw.codePointAt(i));
            if (isSeparator(c)) {
                pendingSeparator = !cps.isEmpty();
                continue;
            }
            if (pendingSeparator && keepSeparators) {
                cps.add(SEPARATOR);
                conf.add(1.0);
            }
            pendingSeparator = false;
            cps.add(c);
            conf.add(raw.confidenceAt(i));
        }
        int[] codePoints = cps.stream().mapToInt(Integer::intValue).toArray();
        double[] confidences = conf.stream().mapToDouble(Double::doubleValue).toArray();
        return new PlateCharacters(codePoints, confidences);
    }

    int length() {
        return codePoints.length;
    }

    static int fold(int c) {
        if (c >= 0xFF01 && c <= 0xFF5E) {
            c -= 0xFEE0; // full-width ASCII forms, common in Chinese OCR dictionaries
        } else if (c == 0x3000) {
            c = ' ';
        }
        return Character.toUpperCase(c);
    }

    /** The dot between the issuing-authority letter and the serial, and what readers turn it into. */
    static boolean isSeparator(int c) {
        return switch (c) {
            case ' ', '\t', '·', '•', '・', '‧', '∙', '.', '-', '_', '−', '–', '—' -> true;
            default -> false;
        };
    }

    static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean isAsciiLetter(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static String show(int c) {
        return "'" + Character.toString(c) + "'";
    }
}
