package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordPolicyTest {
    static Stream<Arguments> passwords() {
        return Stream.of(
                Arguments.of("empty", "", false),
                Arguments.of("11 characters", "a".repeat(11), false),
                Arguments.of("12 characters", "a".repeat(12), true),
                Arguments.of("256 characters", "a".repeat(256), true),
                Arguments.of("257 characters", "a".repeat(257), false),
                Arguments.of("12 code points of 2 UTF-16 units each", "😀".repeat(12), true),
                Arguments.of("256 code points of 2 UTF-16 units each", "😀".repeat(256), true),
                Arguments.of("257 code points of 2 UTF-16 units each", "😀".repeat(257), false),
                Arguments.of("12 Chinese characters", "密".repeat(12), true),
                Arguments.of("a megabyte", "a".repeat(1 << 20), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwords")
    void acceptsOnlyLengthsFrom12To256CodePoints(String why, String password, boolean accepted) {
        if (accepted) {
            assertThatCode(() -> PasswordPolicy.DEFAULT.check(password)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> PasswordPolicy.DEFAULT.check(password))
                    .isInstanceOf(PasswordPolicyException.class)
                    .hasMessage("password must be 12 to 256 characters long");
        }
    }

    @Test
    void nullPasswordBreaksThePolicy() {
        assertThatThrownBy(() -> PasswordPolicy.DEFAULT.check(null)).isInstanceOf(PasswordPolicyException.class);
    }
}
