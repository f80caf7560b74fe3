package io.xueliang.analytics.plate.grammar;

import static io.xueliang.analytics.plate.grammar.PlateCharacters.isAsciiLetter;
import static io.xueliang.analytics.plate.grammar.PlateCharacters.isDigit;
import static io.xueliang.analytics.plate.grammar.PlateCharacters.isHan;
import static io.xueliang.analytics.plate.grammar.PlateCharacters.show;

import java.util.Map;

/**
 * One position of a Chinese plate layout: the characters it may hold and the look-alike fixes it allows. A fix
 * applies only when the read character cannot stand there and its twin can, so a B stays a B where letters are
 * allowed and becomes 8 only where the standard requires a digit.
 */
record Slot(Kind kind, String allowed, Map<Character, Character> fixes) {

    enum Kind { PROVINCE, LETTER, DIGIT, LETTER_OR_DIGIT, SUFFIX }

    static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** I and O never appear: they would be taken for 1 and 0. */
    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";

    private static final Map<Character, Character> TO_DIGIT = Map.of('O', '0', 'I', '1', 'B', '8', 'D', '0', 'Z', '2');
    private static final Map<Character, Character> TO_LETTER = Map.of('0', 'D', '8', 'B', '2', 'Z');
    private static final Map<Character, Character> NEVER_I_OR_O = Map.of('O', '0', 'I', '1');

    static Slot province() {
        return new Slot(Kind.PROVINCE, PROVINCES, Map.of());
    }

    static Slot province(String only) {
        return new Slot(Kind.PROVINCE, only, Map.of());
    }

    static Slot letter() {
        return letter(LETTERS);
    }

    static Slot letter(String only) {
        return new Slot(Kind.LETTER, only, TO_LETTER);
    }

    static Slot digit() {
        return new Slot(Kind.DIGIT, DIGITS, TO_DIGIT);
    }

    static Slot letterOrDigit() {
        return new Slot(Kind.LETTER_OR_DIGIT, LETTERS + DIGITS, NEVER_I_OR_O);
    }

    static Slot suffix(String characters) {
        return new Slot(Kind.SUFFIX, characters, Map.of());
    }

    boolean allows(int c) {
        return allowed.indexOf(c) >= 0;
    }

    /** The character this slot reads {@code c} as, or -1 when it cannot hold it. */
    int accept(int c) {
        if (allows(c)) {
            return c;
        }
        Character twin = c <= Character.MAX_VALUE ? fixes.get((char) c) : null;
        return twin != null && allows(twin) ? twin : -1;
    }

    PlateVerdict.Rejected reject(int position, int c) {
        String where = "position " + position + ": " + show(c);
        if (kind == Kind.PROVINCE) {
            return isHan(c)
                    ? new PlateVerdict.Rejected(RejectionReason.UNKNOWN_PROVINCE, position, where + " is not one of " + allowed)
                    : new PlateVerdict.Rejected(RejectionReason.PROVINCE_MISSING, position, where + " where a province is required");
        }
        if (kind == Kind.SUFFIX) {
            return isHan(c)
                    ? new PlateVerdict.Rejected(RejectionReason.WRONG_SUFFIX, position, where + " where " + allowed + " is required")
                    : new PlateVerdict.Rejected(RejectionReason.SUFFIX_MISSING, position, where + " where " + allowed + " is required");
        }
        if (isHan(c)) {
            return new PlateVerdict.Rejected(RejectionReason.UNEXPECTED_CHINESE_CHARACTER, position, where + " where " + kindText() + " is required");
        }
        if (c == 'I' || c == 'O') {
            return new PlateVerdict.Rejected(RejectionReason.LETTER_I_OR_O, position, where + " never appears on Chinese plates");
        }
        if (kind == Kind.DIGIT && isAsciiLetter(c)) {
            return new PlateVerdict.Rejected(RejectionReason.LETTER_WHERE_DIGIT_REQUIRED, position, where + " where a digit is required");
        }
        if (kind == Kind.LETTER && isDigit(c)) {
            return new PlateVerdict.Rejected(RejectionReason.DIGIT_WHERE_LETTER_REQUIRED, position, where + " where a letter is required");
        }
        return new PlateVerdict.Rejected(RejectionReason.INVALID_CHARACTER, position, where + " is not one of " + allowed);
    }

    private String kindText() {
        return switch (kind) {
            case LETTER -> "a letter";
            case DIGIT -> "a digit";
            default -> "a letter or digit";
        };
    }
}
