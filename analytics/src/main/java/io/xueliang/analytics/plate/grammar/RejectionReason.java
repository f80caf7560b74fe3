package io.xueliang.analytics.plate.grammar;

/** Why a read is not a plate. */
public enum RejectionReason {
    EMPTY,
    /** More characters than any plate has; the limit bounds the work a runaway decode can cause. */
    TOO_LONG,
    WRONG_LENGTH,
    TOO_MANY_CHINESE_CHARACTERS,
    PROVINCE_MISSING,
    UNKNOWN_PROVINCE,
    UNEXPECTED_CHINESE_CHARACTER,
    SUFFIX_MISSING,
    WRONG_SUFFIX,
    /** I or O where only a letter fits: the letters never appear on Chinese plates and no letter is the obvious twin. */
    LETTER_I_OR_O,
    LETTER_WHERE_DIGIT_REQUIRED,
    DIGIT_WHERE_LETTER_REQUIRED,
    INVALID_CHARACTER,
    TOO_MANY_FIXES,
    NO_PATTERN_MATCHES
}
