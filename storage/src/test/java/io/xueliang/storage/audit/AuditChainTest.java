package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {
    static final AuditEntry ENTRY = new AuditEntry(Instant.parse("2026-11-22T08:00:00.123456Z"), "alice",
            List.of("investigator"), "10.0.0.7", "GET /api/v1/reads", new TreeMap<>(java.util.Map.of("plate", "湘C*")),
            "burglary follow-up", "CASE-2026-17", 12, 200);
    static final String PREV = "ab".repeat(32);

    static Stream<Arguments> oneFieldChanged() {
        return Stream.<Arguments>of(
                Arguments.of("at", (UnaryOperator<AuditEntry>) e -> with(e, e.at().plusNanos(1_000), e.actor(),
                        e.roles(), e.sourceAddress(), e.action(), e.parameters(), e.purpose(), e.caseReference(),
                        e.resultCount(), e.outcome())),
                Arguments.of("actor", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), "mallory", e.roles(),
                        e.sourceAddress(), e.action(), e.parameters(), e.purpose(), e.caseReference(), e.resultCount(),
                        e.outcome())),
                Arguments.of("roles", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), List.of("admin"),
                        e.sourceAddress(), e.action(), e.parameters(), e.purpose(), e.caseReference(), e.resultCount(),
                        e.outcome())),
                Arguments.of("sourceAddress", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        "10.0.0.8", e.action(), e.parameters(), e.purpose(), e.caseReference(), e.resultCount(),
                        e.outcome())),
                Arguments.of("action", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), "GET /api/v1/cameras", e.parameters(), e.purpose(), e.caseReference(),
                        e.resultCount(), e.outcome())),
                Arguments.of("parameters", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), e.action(), new TreeMap<>(java.util.Map.of("plate", "湘C1")), e.purpose(),
                        e.caseReference(), e.resultCount(), e.outcome())),
                Arguments.of("purpose", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), e.action(), e.parameters(), null, e.caseReference(), e.resultCount(),
                        e.outcome())),
                Arguments.of("caseReference", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), e.action(), e.parameters(), e.purpose(), "CASE-2026-18", e.resultCount(),
                        e.outcome())),
                Arguments.of("resultCount", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), e.action(), e.parameters(), e.purpose(), e.caseReference(), 0,
                        e.outcome())),
                Arguments.of("outcome", (UnaryOperator<AuditEntry>) e -> with(e, e.at(), e.actor(), e.roles(),
                        e.sourceAddress(), e.action(), e.parameters(), e.purpose(), e.caseReference(),
                        e.resultCount(), 403)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldChanged")
    void everyFieldIsCoveredByTheHash(String field, UnaryOperator<AuditEntry> change) {
        AuditEntry changed = change.apply(ENTRY);
        assertThat(changed).isNotEqualTo(ENTRY);
        assertThat(AuditChain.hash(5, PREV, changed)).isNotEqualTo(AuditChain.hash(5, PREV, ENTRY));
    }

    @Test
    void seqAndPrevHashAreCoveredByTheHash() {
        String hash = AuditChain.hash(5, PREV, ENTRY);
        assertThat(AuditChain.hash(6, PREV, ENTRY)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(5, AuditChain.GENESIS_PREV_HASH, ENTRY)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(5, PREV, ENTRY)).isEqualTo(hash).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void textMovedAcrossAFieldBoundaryChangesTheHash() {
        // "ab" + "c" and "a" + "bc" concatenate alike; the length prefixes keep them apart.
        AuditEntry left = with(ENTRY, ENTRY.at(), "ab", ENTRY.roles(), "c", ENTRY.action(), ENTRY.parameters(),
                ENTRY.purpose(), ENTRY.caseReference(), ENTRY.resultCount(), ENTRY.outcome());
        AuditEntry right = with(ENTRY, ENTRY.at(), "a", ENTRY.roles(), "bc", ENTRY.action(), ENTRY.parameters(),
                ENTRY.purpose(), ENTRY.caseReference(), ENTRY.resultCount(), ENTRY.outcome());
        assertThat(AuditChain.hash(1, PREV, left)).isNotEqualTo(AuditChain.hash(1, PREV, right));
        // a null purpose differs from an empty one, and roles [a,b] from [ab]
        AuditEntry emptyPurpose = with(ENTRY, ENTRY.at(), ENTRY.actor(), ENTRY.roles(), ENTRY.sourceAddress(),
                ENTRY.action(), ENTRY.parameters(), "", ENTRY.caseReference(), ENTRY.resultCount(), ENTRY.outcome());
        AuditEntry nullPurpose = with(ENTRY, ENTRY.at(), ENTRY.actor(), ENTRY.roles(), ENTRY.sourceAddress(),
                ENTRY.action(), ENTRY.parameters(), null, ENTRY.caseReference(), ENTRY.resultCount(), ENTRY.outcome());
        assertThat(AuditChain.hash(1, PREV, emptyPurpose)).isNotEqualTo(AuditChain.hash(1, PREV, nullPurpose));
        AuditEntry twoRoles = with(ENTRY, ENTRY.at(), ENTRY.actor(), List.of("a", "b"), ENTRY.sourceAddress(),
                ENTRY.action(), ENTRY.parameters(), null, null, 1, 200);
        AuditEntry oneRole = with(ENTRY, ENTRY.at(), ENTRY.actor(), List.of("ab"), ENTRY.sourceAddress(),
                ENTRY.action(), ENTRY.parameters(), null, null, 1, 200);
        assertThat(AuditChain.hash(1, PREV, twoRoles)).isNotEqualTo(AuditChain.hash(1, PREV, oneRole));
    }

    @Test
    void genesisPrevHashIs32ZeroBytes() {
        assertThat(AuditChain.GENESIS_PREV_HASH).isEqualTo("00".repeat(32));
    }

    @Test
    void entryKeepsMicrosecondsAndNaturalParameterOrder() {
        TreeMap<String, String> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", "1");
        reversed.put("b", "2");
        AuditEntry entry = new AuditEntry(Instant.parse("2026-11-22T08:00:00.123456789Z"), "bob", List.of(), "::1",
                "GET /x", reversed, null, null, -1, 200);
        assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-22T08:00:00.123456Z"));
        assertThat(entry.parameters().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> new AuditEntry(Instant.EPOCH, "bob", List.of(), "::1", "GET /x", new TreeMap<>(),
                null, null, -2, 200)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> AuditChain.hash(1, "abcd", entry)).isInstanceOf(IllegalArgumentException.class);
    }

    private static AuditEntry with(AuditEntry ignored, Instant at, String actor, List<String> roles, String source,
            String action, java.util.SortedMap<String, String> parameters, String purpose, String caseReference,
            long resultCount, int outcome) {
        return new AuditEntry(at, actor, roles, source, action, parameters, purpose, caseReference, resultCount,
                outcome);
    }
}
