package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditColumnsTest {

    static Stream<String> awkwardText() {
        return Stream.of("", "plain", "quote\"inside", "back\\slash", "new\nline\ttab\rcr", "\u0001\u001f",
                "湘C12345", "emoji \uD83D\uDE97", "{\"looks\":\"like json\"}", "[,]:");
    }

    @ParameterizedTest
    @MethodSource("awkwardText")
    void rolesAndParametersSurviveTheRoundTrip(String text) {
        List<String> roles = List.of(text, "admin", text);
        assertThat(AuditColumns.parseRoles(AuditColumns.roles(roles))).isEqualTo(roles);
        TreeMap<String, String> parameters = new TreeMap<>();
        parameters.put(text, text);
        parameters.put("plate", text);
        assertThat(AuditColumns.parseParameters(AuditColumns.parameters(parameters))).isEqualTo(parameters);
    }

    @Test
    void writesPlainJson() {
        TreeMap<String, String> parameters = new TreeMap<>();
        parameters.put("id", "43032100001210000001");
        parameters.put("from", "2026-11-22T08:00:00Z");
        assertThat(AuditColumns.parameters(parameters))
                .isEqualTo("{\"from\":\"2026-11-22T08:00:00Z\",\"id\":\"43032100001210000001\"}");
        assertThat(AuditColumns.roles(List.of("viewer", "auditor"))).isEqualTo("[\"viewer\",\"auditor\"]");
        assertThat(AuditColumns.roles(List.of())).isEqualTo("[]");
        assertThat(AuditColumns.parseParameters("{}")).isEmpty();
    }

    static Stream<String> malformed() {
        return Stream.of("", "[", "[\"a\"", "[\"a\",]", "[\"a\"]x", "{\"a\":1}", "{\"a\"}", "{\"a\":\"b\",\"a\":\"c\"}",
                "[\"\\q\"]", "[\"\\u12\"]", "[\"unterminated]");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedTextIsRejected(String text) {
        assertThatThrownBy(() -> {
            if (text.startsWith("{")) {
                AuditColumns.parseParameters(text);
            } else {
                AuditColumns.parseRoles(text);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }
}
