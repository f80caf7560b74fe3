package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UserTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    static Stream<Arguments> usernames() {
        return Stream.of(
                Arguments.of("admin", true),
                Arguments.of("li.wei@county-police_1", true),
                Arguments.of("a", true),
                Arguments.of("x".repeat(64), true),
                Arguments.of("x".repeat(65), false),
                Arguments.of("", false),
                Arguments.of("li wei", false),
                Arguments.of("李伟", false),
                Arguments.of("admin\n", false),
                Arguments.of("a/b", false),
                Arguments.of(null, false));
    }

    @ParameterizedTest
    @MethodSource("usernames")
    void usernamesAre1To64OfASmallAlphabet(String username, boolean valid) {
        if (valid) {
            assertThatCode(() -> User.checkUsername(username)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> User.checkUsername(username)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("username must be 1 to 64 characters of A-Z a-z 0-9 . _ @ -");
        }
    }

    @Test
    void needsARole() {
        assertThatThrownBy(() -> User.of("li", Set.of(), List.of(), T0)).hasMessage("user li needs at least one role");
    }

    @Test
    void copiesItsCollections() {
        List<String> path = new ArrayList<>(List.of("Changsha", "Yuelu"));
        List<List<String>> regions = new ArrayList<>(List.of(path));
        User user = User.of("li", Set.of(Role.VIEWER), regions, T0);
        path.add("changed");
        regions.add(List.of("other"));
        assertThat(user.regions()).containsExactly(List.of("Changsha", "Yuelu"));
        assertThatThrownBy(() -> user.roles().add(Role.ADMIN)).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> badRegions() {
        return Stream.of(
                Arguments.of(List.of(List.of()), "a region is a path of 1 to 8 names: []"),
                Arguments.of(List.of(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")),
                        "a region is a path of 1 to 8 names: [a, b, c, d, e, f, g, h, i]"),
                Arguments.of(List.of(List.of("county", " ")), "a region name is 1 to 128 characters, not blank: [county,  ]"),
                Arguments.of(Stream.generate(() -> List.of("x")).limit(257).toList(),
                        "at most 256 regions per user, not 257"));
    }

    @ParameterizedTest
    @MethodSource("badRegions")
    void regionsAreBounded(List<List<String>> regions, String message) {
        assertThatThrownBy(() -> User.of("li", Set.of(Role.VIEWER), regions, T0)).hasMessage(message);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void rolesGoOnTheWireInLowerCase(Role role) {
        assertThat(role.wireName()).isEqualTo(role.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(Role.fromWireName(role.wireName())).isEqualTo(role);
    }

    @Test
    void unknownRoleNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Role.fromWireName("ADMIN"))
                .hasMessage("unknown role 'ADMIN' (expected viewer, investigator, auditor or admin)");
    }
}
