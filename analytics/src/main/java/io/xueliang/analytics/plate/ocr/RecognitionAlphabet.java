package io.xueliang.analytics.plate.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The classes of the recognition model's output that a decode may emit. PP-OCRv4 knows 6,623 characters; a plate
 * holds a few dozen of them, and letting the decode choose only among those turns most near-misses (a province read
 * as a look-alike ideograph, a dot read as a full stop) into the right character.
 *
 * <p>Class 0 is the CTC blank, class i + 1 is dictionary line i, the last class is the space.
 */
public final class RecognitionAlphabet {
    /** Provinces, autonomous regions and municipalities of GA 36-2018, as the plate grammar knows them. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** The red characters that end special plates, and 使 that starts embassy plates. */
    public static final String SPECIALS = "港澳学警挂使领";
    /** Letters of Chinese plates: I and O are never issued. */
    public static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final String DIGITS = "0123456789";
    /** The dot between the issuing-authority letter and the serial, and what the model turns it into. */
    public static final String SEPARATORS = "·•.-";

    /** Everything a Chinese plate may show. */
    public static final String CHINESE = PROVINCES + SPECIALS + LETTERS + DIGITS + SEPARATORS;

    /** What a character is on a plate; the constrained decode places them by kind. */
    public enum Kind { BLANK, PROVINCE, SPECIAL, LETTER, DIGIT, SEPARATOR, OTHER }

    private final int classes;
    private final int[] allowed;
    private final int[] codePoints;
    private final Kind[] kinds;

    private RecognitionAlphabet(int classes, int[] allowed, int[] codePoints, Kind[] kinds) {
        this.classes = classes;
        this.allowed = allowed;
        this.codePoints = codePoints;
        this.kinds = kinds;
    }

    /**
     * @param dictionary the model's dictionary, line i being class i + 1
     * @param characters the characters to allow; those missing from the dictionary are ignored
     */
    public static RecognitionAlphabet of(List<String> dictionary, String characters) {
        Objects.requireNonNull(characters, "characters");
        int classes = dictionary.size() + 2;
        int[] codePoints = new int[classes];
        Kind[] kinds = new Kind[classes];
        Arrays.fill(kinds, Kind.OTHER);
        kinds[0] = Kind.BLANK;
        codePoints[0] = -1;
        codePoints[classes - 1] = ' ';
        List<Integer> allowed = new ArrayList<>();
        allowed.add(0);
        for (int i = 0; i < dictionary.size(); i++) {
            String entry = dictionary.get(i);
            int cp = entry.isEmpty() ? -1 : entry.codePointAt(0);
            codePoints[i + 1] = cp;
            if (cp >= 0 && entry.codePointCount(0, entry.length()) == 1 && characters.indexOf(cp) >= 0) {
                kinds[i + 1] = kindOf(cp);
                allowed.add(i + 1);
            }
        }
        return new RecognitionAlphabet(classes, allowed.stream().mapToInt(Integer::intValue).toArray(), codePoints, kinds);
    }

    private static Kind kindOf(int cp) {
        if (PROVINCES.indexOf(cp) >= 0) {
            return Kind.PROVINCE;
        }
        if (SPECIALS.indexOf(cp) >= 0) {
            return Kind.SPECIAL;
        }
        if (cp >= '0' && cp <= '9') {
            return Kind.DIGIT;
        }
        if (SEPARATORS.indexOf(cp) >= 0 || cp == ' ') {
            return Kind.SEPARATOR;
        }
        return Character.isLetter(cp) && cp < 0x3000 ? Kind.LETTER : Kind.OTHER;
    }

    /** Number of classes of the model's output. */
    public int classes() {
        return classes;
    }

    /** The class indices a decode may emit, the blank (0) first. */
    int[] allowed() {
        return allowed;
    }

    int codePoint(int classIndex) {
        return codePoints[classIndex];
    }

    Kind kind(int classIndex) {
        return kinds[classIndex];
    }
}
