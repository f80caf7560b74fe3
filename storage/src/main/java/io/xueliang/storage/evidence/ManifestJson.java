package io.xueliang.storage.evidence;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of {@link EvidenceManifest}. Canonical: UTF-8, object keys in code-point order, no whitespace,
 * instants as {@link Instant#toString()} (ISO-8601 UTC), sizes as integers, no other numbers; in strings {@code "}
 * and {@code \} are escaped, control characters as {@code \n}, {@code \t} … or a six-character upper-case hex
 * escape, and everything else, supplementary characters too, is plain UTF-8. For example (wrapped here):
 *
 * <pre>
 * {"cameras":[{"id":"cam1","name":"Gate","region":["Changsha","Yuelu"]}],"caseReference":"XT-2026-0042",
 *  "createdAt":"2026-11-22T09:00:00Z","files":[{"name":"cam1.mp4","sha256":"…","size":1048576,
 *  "sources":[{"camera":"cam1","end":"2026-11-22T08:01:00Z","sha256":"…","start":"2026-11-22T08:00:00Z"}]}],
 *  "format":"xueliang-evidence/1","from":"2026-11-22T08:00:00Z","operator":"investigator1","reason":"theft",
 *  "signingKeyFingerprint":"…","softwareVersion":"0.1.0","to":"2026-11-22T08:02:00Z"}
 * </pre>
 *
 * Reading is strict and bounded: the constraints below, exact key sets, and nothing after the closing brace.
 */
final class ManifestJson {
    /** Largest manifest read: ten thousand files with a day of sources each would not fit, nor need to. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_BYTES)
                    .maxNestingDepth(8)
                    .maxStringLength(ManifestRules.MAX_TEXT)
                    .maxNameLength(64)
                    .maxNumberLength(19)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Pinned, not left to defaults that a later Jackson may change: the bytes are what is signed.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    private ManifestJson() {
    }

    static byte[] write(EvidenceManifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 512 * m.files().size());
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            // Keys in code-point order, written by hand so the order is in plain sight.
            g.writeStartObject();
            g.writeArrayFieldStart("cameras");
            for (EvidenceCamera c : m.cameras()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("name", c.name());
                g.writeArrayFieldStart("region");
                for (String r : c.region()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("caseReference", m.caseReference());
            g.writeStringField("createdAt", m.createdAt().toString());
            g.writeArrayFieldStart("files");
            for (EvidenceFile f : m.files()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("sha256", f.sha256());
                g.writeNumberField("size", f.size());
                g.writeArrayFieldStart("sources");
                for (SourceSegment s : f.sources()) {
                    g.writeStartObject();
                    g.writeStringField("camera", s.camera());
                    g.writeStringField("end", s.end().toString());
                    g.writeStringField("sha256", s.sha256());
                    g.writeStringField("start", s.start().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("format", ManifestRules.FORMAT);
            g.writeStringField("from", m.from().toString());
            g.writeStringField("operator", m.operator());
            g.writeStringField("reason", m.reason());
            g.writeStringField("signingKeyFingerprint", m.signingKeyFingerprint());
            g.writeStringField("softwareVersion", m.softwareVersion());
            g.writeStringField("to", m.to().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    static EvidenceManifest read(byte[] json) throws ManifestFormatException {
        if (json.length > MAX_BYTES) {
            throw new ManifestFormatException("$", "larger than " + MAX_BYTES + " bytes");
        }
        Object root;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new ManifestFormatException("$", "empty");
            }
            root = value(p, "$");
            if (p.nextToken() != null) {
                throw new ManifestFormatException("$", "bytes after the closing brace");
            }
        } catch (JsonProcessingException e) {
            throw new ManifestFormatException("$", "not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
        try {
            return manifest(object(root, "$"));
        } catch (IllegalArgumentException e) {
            // A record's own rule (a bad name, a range that ends before it starts): not placed more finely.
            throw new ManifestFormatException("$", e.getMessage());
        }
    }

    /** A JSON value as Map (insertion order), List, String, Long or null; other scalars are refused. */
    private static Object value(JsonParser p, String path) throws IOException, ManifestFormatException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p, path + "." + name));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                int limit = ManifestRules.MAX_SOURCES_PER_FILE;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (list.size() == limit) {
                        throw new ManifestFormatException(path, "more than " + limit + " elements");
                    }
                    list.add(value(p, path + "[" + list.size() + "]"));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
                    throw new ManifestFormatException(path, "integer out of range");
                }
                return p.getLongValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ManifestFormatException(path, "unexpected " + t);
        }
    }

    private static EvidenceManifest manifest(Map<String, Object> m) throws ManifestFormatException {
        keys(m, "$", "cameras", "caseReference", "createdAt", "files", "format", "from", "operator", "reason",
                "signingKeyFingerprint", "softwareVersion", "to");
        String format = string(m, "format", "$");
        if (!format.equals(ManifestRules.FORMAT)) {
            throw new ManifestFormatException("$.format", "'" + format + "' is not " + ManifestRules.FORMAT);
        }
        List<Object> cameraList = list(m, "cameras", "$", ManifestRules.MAX_CAMERAS);
        List<EvidenceCamera> cameras = new ArrayList<>();
        for (int i = 0; i < cameraList.size(); i++) {
            String at = "$.cameras[" + i + "]";
            Map<String, Object> c = object(cameraList.get(i), at);
            keys(c, at, "id", "name", "region");
            List<String> region = new ArrayList<>();
            List<Object> regionList = list(c, "region", at, ManifestRules.MAX_REGION_DEPTH);
            for (int j = 0; j < regionList.size(); j++) {
                if (!(regionList.get(j) instanceof String s)) {
                    throw new ManifestFormatException(at + ".region[" + j + "]", "not a string");
                }
                region.add(s);
            }
            cameras.add(new EvidenceCamera(string(c, "id", at), string(c, "name", at), region));
        }
        List<Object> fileList = list(m, "files", "$", ManifestRules.MAX_FILES);
        List<EvidenceFile> files = new ArrayList<>();
        for (int i = 0; i < fileList.size(); i++) {
            String at = "$.files[" + i + "]";
            Map<String, Object> f = object(fileList.get(i), at);
            keys(f, at, "name", "sha256", "size", "sources");
            List<Object> sourceList = list(f, "sources", at, ManifestRules.MAX_SOURCES_PER_FILE);
            List<SourceSegment> sources = new ArrayList<>();
            for (int j = 0; j < sourceList.size(); j++) {
                String sat = at + ".sources[" + j + "]";
                Map<String, Object> s = object(sourceList.get(j), sat);
                keys(s, sat, "camera", "end", "sha256", "start");
                sources.add(new SourceSegment(string(s, "camera", sat), instant(s, "start", sat), instant(s, "end", sat),
                        string(s, "sha256", sat)));
            }
            if (!(f.get("size") instanceof Long size)) {
                throw new ManifestFormatException(at + ".size", "not an integer");
            }
            files.add(new EvidenceFile(string(f, "name", at), size, string(f, "sha256", at), sources));
        }
        return new EvidenceManifest(cameras, instant(m, "from", "$"), instant(m, "to", "$"), files,
                string(m, "operator", "$"), string(m, "caseReference", "$"), string(m, "reason", "$"),
                instant(m, "createdAt", "$"), string(m, "softwareVersion", "$"), string(m, "signingKeyFingerprint", "$"));
    }

    private static void keys(Map<String, Object> map, String path, String... expected) throws ManifestFormatException {
        Set<String> want = Set.of(expected);
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(want);
        if (!unknown.isEmpty()) {
            throw new ManifestFormatException(path, "unknown key(s) " + unknown);
        }
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(map.keySet());
        if (!missing.isEmpty()) {
            throw new ManifestFormatException(path, "missing key(s) " + missing);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String path) throws ManifestFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ManifestFormatException(path, "not an object");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key, String path, int limit)
            throws ManifestFormatException {
        if (!(m.get(key) instanceof List<?> list)) {
            throw new ManifestFormatException(path + "." + key, "not an array");
        }
        if (list.size() > limit) {
            throw new ManifestFormatException(path + "." + key, "more than " + limit + " elements");
        }
        return (List<Object>) list;
    }

    private static String string(Map<String, Object> m, String key, String path) throws ManifestFormatException {
        if (!(m.get(key) instanceof String s)) {
            throw new ManifestFormatException(path + "." + key, "not a string");
        }
        return s;
    }

    private static Instant instant(Map<String, Object> m, String key, String path) throws ManifestFormatException {
        String s = string(m, key, path);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ManifestFormatException(path + "." + key, "not an ISO-8601 instant: " + s);
        }
    }
}
