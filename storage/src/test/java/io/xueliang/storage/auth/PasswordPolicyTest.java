package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordPolicyTest {
    private static final String LENGTH = "password must be 12 to 256 characters long";
    private static final String COMMON = "password is too common: it is among the first an attacker tries";
    private static final String SIMPLE = "password is too simple: a repeated run or a sequence of characters";
    private static final String NAME = "password must not be the user name, or made of it";

    static Stream<Arguments> passwords() {
        String varied = "Tq7-wp2;Lx9#";
        return Stream.of(
                Arguments.of("empty", "", LENGTH),
                Arguments.of("11 characters", varied.substring(0, 11), LENGTH),
                Arguments.of("12 varied characters", varied, null),
                Arguments.of("256 characters", (varied + "ab").repeat(18) + "abcd", null),
                Arguments.of("257 characters", (varied + "ab").repeat(18) + "abcde", LENGTH),
                Arguments.of("12 different emoji", "😀😁😂🤣😃😄😅😆😉😊😋😎", null),
                Arguments.of("257 code points of 2 UTF-16 units each", "😀😁😂🤣😃".repeat(52).substring(0, 514), LENGTH),
                Arguments.of("a Chinese phrase", "雪亮工程守护平安乡村每一天", null),
                Arguments.of("a megabyte", "a".repeat(1 << 20), LENGTH),
                Arguments.of("one character twelve times", "aaaaaaaaaaaa", SIMPLE),
                Arguments.of("one character, emoji", "😀".repeat(12), SIMPLE),
                Arguments.of("two characters alternating", "abababababab", SIMPLE),
                Arguments.of("a run of four repeated", "1qaz1qaz1qaz", SIMPLE),
                Arguments.of("digits up, wrapping", "567890123456", SIMPLE),
                Arguments.of("the commonest sequence", "123456789012", COMMON),
                Arguments.of("letters down", "zyxwvutsrqpo", SIMPLE),
                Arguments.of("a common keyboard run with symbols", "qwertyuiop[]", COMMON),
                Arguments.of("on the common list, twelve", "1qaz2wsx3edc", COMMON),
                Arguments.of("on the common list, any case", "QAZWSXEDCRFV", COMMON),
                Arguments.of("a common word with digits and symbols around", "Summer2026!!", COMMON),
                Arguments.of("a common word with digits", "dragon123456", COMMON),
                Arguments.of("the product's name", "xueliang2026", COMMON),
                Arguments.of("the user name", "li.wei.admin", NAME),
                Arguments.of("the user name with digits", "li.wei.admin2026", NAME),
                Arguments.of("the user name twice", "li.wei.adminli.wei.admin", NAME),
                Arguments.of("the user name reversed", "nimda.iew.il", "password must not be the user name reversed"),
                Arguments.of("the user name inside a phrase", "li.wei.admin likes tea", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwords")
    void refusesShortCommonSimpleAndNamedPasswordsWithTheRule(String why, String password, String rule) {
        if (rule == null) {
            assertThatCode(() -> PasswordPolicy.DEFAULT.check("li.wei.admin", password)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> PasswordPolicy.DEFAULT.check("li.wei.admin", password))
                    .isInstanceOf(PasswordPolicyException.class).hasMessage(rule);
        }
    }

    @Test
    void nullPasswordBreaksThePolicy() {
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.check("u", null)).isInstanceOf(PasswordPolicyException.class);
    }

    @Test
    void stemIsTheTextBetweenTheFirstAndLastLetter() {
        org.assertj.core.api.Assertions.assertThat(PasswordPolicy.stem("!!summer2026!")).isEqualTo("summer2026".substring(0, 6));
        org.assertj.core.api.Assertions.assertThat(PasswordPolicy.stem("2026-07-01")).isEmpty();
    }
}
