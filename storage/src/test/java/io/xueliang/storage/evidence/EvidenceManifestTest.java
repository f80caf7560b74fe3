package io.xueliang.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EvidenceManifestTest {
    private static final String FP = "ab".repeat(32);

    private static EvidenceManifest manifest() {
        return EvidenceManifest.of(EvidencePackages.request(), List.of(
                new EvidenceFile("cam1.mp4", 300_001, "cd".repeat(32), List.of(
                        new SourceSegment("cam1", Instant.parse("2026-11-22T07:59:30Z"),
                                Instant.parse("2026-11-22T08:00:30.5Z"), EvidencePackages.SEGMENT_HASH_1))),
                new EvidenceFile("cam2.mp4", 0, "ef".repeat(32), List.of())),
                Instant.parse("2026-11-22T09:00:00Z"), FP);
    }

    /** The canonical form pinned byte for byte: a change here breaks every earlier package's reader. */
    private static final String CANONICAL = "{\"cameras\":[{\"id\":\"cam1\",\"name\":\"Gate 北门\",\"region\":[\"Changsha\","
            + "\"Yuelu\"]},{\"id\":\"cam2\",\"name\":\"Yard\",\"region\":[]}],\"caseReference\":\"XT-2026-0042\","
            + "\"createdAt\":\"2026-11-22T09:00:00Z\",\"files\":[{\"name\":\"cam1.mp4\",\"sha256\":\"" + "cd".repeat(32)
            + "\",\"size\":300001,\"sources\":[{\"camera\":\"cam1\",\"end\":\"2026-11-22T08:00:30.500Z\",\"sha256\":\""
            + EvidencePackages.SEGMENT_HASH_1 + "\",\"start\":\"2026-11-22T07:59:30Z\"}]},{\"name\":\"cam2.mp4\","
            + "\"sha256\":\"" + "ef".repeat(32) + "\",\"size\":0,\"sources\":[]}],\"format\":\"xueliang-evidence/1\","
            + "\"from\":\"2026-11-22T08:00:00Z\",\"operator\":\"investigator1\",\"reason\":\"theft at the north gate\","
            + "\"signingKeyFingerprint\":\"" + FP + "\",\"softwareVersion\":\"0.1.0-test\",\"to\":\"2026-11-22T08:02:00Z\"}";

    @Test
    void writesSortedKeysWithoutWhitespaceInUtf8() {
        assertThat(new String(manifest().toJson(), StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    }

    @Test
    void readsBackToTheSameManifestAndTheSameBytes() throws Exception {
        byte[] json = manifest().toJson();
        EvidenceManifest back = EvidenceManifest.parse(json);
        assertThat(back).isEqualTo(manifest());
        assertThat(back.toJson()).isEqualTo(json);
    }

    @Test
    void escapesControlCharactersAndKeepsOtherTextAsUtf8() throws Exception {
        EvidenceRequest r = EvidencePackages.request();
        EvidenceManifest m = EvidenceManifest.of(new EvidenceRequest(r.cameras(), r.from(), r.to(), "op",
                "case \"7\"", "line1\nline2\t😀", "v"), List.of(), Instant.EPOCH, FP);
        String json = new String(m.toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"case \\\"7\\\"\"", "\"line1\\nline2\\t😀\"");
        assertThat(EvidenceManifest.parse(m.toJson())).isEqualTo(m);
    }

    static Stream<Arguments> badManifests() {
        String ok = CANONICAL;
        return Stream.of(
                Arguments.of("unknown key", ok.replace("{\"cameras\"", "{\"extra\":1,\"cameras\""), "unknown key(s) [extra]"),
                Arguments.of("missing key", ok.replace("\"operator\":\"investigator1\",", ""), "missing key(s) [operator]"),
                Arguments.of("repeated key", ok.replace("{\"cameras\"", "{\"to\":\"x\",\"cameras\""), "Duplicate field 'to'"),
                Arguments.of("other format", ok.replace("xueliang-evidence/1", "xueliang-evidence/2"), "$.format"),
                Arguments.of("trailing bytes", ok + "{}", "after the closing brace"),
                Arguments.of("whitespace is fine to read, trailing garbage is not", ok + " x", "not JSON"),
                Arguments.of("fractional size", ok.replace("\"size\":300001", "\"size\":300001.0"), "unexpected VALUE_NUMBER_FLOAT"),
                Arguments.of("negative size", ok.replace("\"size\":300001", "\"size\":-1"), "negative size"),
                Arguments.of("size as a string", ok.replace("\"size\":300001", "\"size\":\"300001\""), "$.files[0].size: not an integer"),
                Arguments.of("upper-case hash", ok.replace("cd".repeat(32), "CD".repeat(32)), "not 64 lower-case hex digits"),
                Arguments.of("bad instant", ok.replace("2026-11-22T09:00:00Z", "yesterday"), "$.createdAt: not an ISO-8601 instant"),
                Arguments.of("range backwards", ok.replace("\"to\":\"2026-11-22T08:02:00Z\"", "\"to\":\"2026-11-22T07:00:00Z\""), "ends"),
                Arguments.of("path in a file name", ok.replace("\"name\":\"cam1.mp4\"", "\"name\":\"../cam1.mp4\""), "file name"),
                Arguments.of("a file named like the manifest", ok.replace("\"name\":\"cam1.mp4\"", "\"name\":\"manifest.json\""), "package's own"),
                Arguments.of("a file listed twice", ok.replace("\"name\":\"cam2.mp4\"", "\"name\":\"cam1.mp4\""), "listed twice"),
                Arguments.of("null operator", ok.replace("\"investigator1\"", "null"), "$.operator: not a string"),
                Arguments.of("over-long text", ok.replace("investigator1", "x".repeat(ManifestRules.MAX_TEXT + 1)), "not JSON"),
                Arguments.of("not an object", "[]", "$: not an object"),
                Arguments.of("empty", "", "empty"),
                Arguments.of("deep nesting", "[".repeat(100), "not JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void refusesAManifestThatIsNotExactlyOfItsFormat(String what, String json, String message) {
        assertThatThrownBy(() -> EvidenceManifest.parse(json.getBytes(StandardCharsets.UTF_8)))
                .as(what).isInstanceOf(ManifestFormatException.class).hasMessageContaining(message);
    }
}
