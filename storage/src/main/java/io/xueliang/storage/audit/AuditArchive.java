package io.xueliang.storage.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.xueliang.storage.signing.Ed25519KeyFile;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed archive of audit records that retention takes out of the database: what a court or an auditor reads
 * after the records are gone from the store. One file per retention pass, under {@code <root>/audit/archive}
 * (0600), JSON lines (one record each, every field as stored, the chain hashes included) and a signed trailer:
 *
 * <pre>
 *   {"seq":1,"at":"2026-11-22T08:00:00.000001Z","actor":"…","roles":["…"],"sourceAddress":"…","action":"…",
 *    "parameters":{…},"purpose":null,"caseReference":null,"resultCount":7,"outcome":200,"prevHash":"…","hash":"…"}
 *   …
 *   xueliang-audit-archive-1 first=1 last=900 prev=&lt;hash before 1&gt; head=&lt;hash of 900&gt; records=900
 *     sha256=&lt;of every byte before this line&gt; at=… sig=&lt;Ed25519, base64, over the line before " sig="&gt;
 * </pre>
 *
 * The records carry their own chain: each hash is recomputed ({@link AuditChain}) from the fields, each prevHash is the
 * hash before it, and the head is the hash the base checkpoint names, so the archive shows any change without the
 * signature too. The trailer is signed with the audit checkpoint key.
 */
public final class AuditArchive {
    public static final String DIRECTORY = "archive";
    static final String MAGIC = "xueliang-audit-archive-1";
    /** Longest record line read: the API bounds what a request can put in a record far below this. */
    static final int MAX_LINE = 1024 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_LINE).maxNestingDepth(4)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern TRAILER = Pattern.compile(Pattern.quote(MAGIC)
            + " first=([1-9][0-9]{0,18}) last=([1-9][0-9]{0,18}) prev=([0-9a-f]{64}) head=([0-9a-f]{64})"
            + " records=([1-9][0-9]{0,18}) sha256=([0-9a-f]{64}) at=([0-9T:.Z-]{20,30}) sig=([A-Za-z0-9+/]{86}==)");

    private AuditArchive() {
    }

    /** The archive folder of the store under {@code storageRoot}. */
    public static Path directory(Path storageRoot) {
        return storageRoot.resolve(AuditCheckpointFile.DIRECTORY).resolve(DIRECTORY);
    }

    /** The file name of the archive of records {@code first..last}. */
    static String fileName(long first, long last) {
        return "audit-" + first + "-" + last + ".jsonl";
    }

    /** An archive as written or read: its file name, its records' range and chain ends, and its SHA-256. */
    public record Written(String fileName, long first, long last, String prevHash, String headHash, long records,
            String sha256) {
    }

    /** The records handed over do not form a chain: nothing may be deleted on their account. */
    public static final class ChainException extends IOException {
        ChainException(String message) {
            super(message);
        }
    }

    /**
     * Writes the records {@code first..last} that {@code source} hands over, checking as it goes that they form an
     * unbroken chain after {@code prevHash}; the file appears whole (written beside, synced, renamed) or not at all.
     *
     * @throws ChainException when a record is missing, out of place or does not match its hash; nothing is left
     */
    static Written write(Path directory, long first, long last, String prevHash, Source source, Ed25519KeyFile key,
            InstantSource clock) throws IOException {
        if (Files.notExists(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String name = fileName(first, last);
        Path target = directory.resolve(name);
        Path tmp = Files.createTempFile(directory, "." + name + ".", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            MessageDigest sha = sha256();
            long[] next = {first};
            String[] prev = {prevHash};
            try (OutputStream file = Files.newOutputStream(tmp);
                    DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
                source.records(first, last, r -> {
                    if (r.seq() != next[0] || !r.prevHash().equals(prev[0])
                            || !AuditChain.hash(r.seq(), r.prevHash(), r.entry()).equals(r.hash())) {
                        throw new ChainException("record " + r.seq() + " does not continue the chain after record "
                                + (next[0] - 1) + ": nothing is archived or deleted");
                    }
                    digest.write(line(r));
                    next[0]++;
                    prev[0] = r.hash();
                });
                if (next[0] != last + 1) {
                    throw new ChainException("records " + next[0] + ".." + last + " are missing: nothing is archived"
                            + " or deleted");
                }
                digest.flush();
                String trailer = MAGIC + " first=" + first + " last=" + last + " prev=" + prevHash + " head=" + prev[0]
                        + " records=" + (last - first + 1) + " sha256=" + HexFormat.of().formatHex(sha.digest())
                        + " at=" + clock.instant().truncatedTo(ChronoUnit.MICROS);
                file.write((trailer + " sig=" + Base64.getEncoder().encodeToString(
                        key.sign(trailer.getBytes(StandardCharsets.US_ASCII))) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
                d.force(true);
            }
            return new Written(name, first, last, prevHash, prev[0], last - first + 1, fileSha256(target));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Where {@link #write} takes the records from. */
    @FunctionalInterface
    interface Source {
        void records(long first, long last, Sink sink) throws IOException;
    }

    /** Takes the records one at a time. */
    @FunctionalInterface
    public interface Sink {
        void accept(AuditRecord record) throws IOException;
    }

    private static byte[] line(AuditRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            AuditEntry e = r.entry();
            g.writeStartObject();
            g.writeNumberField("seq", r.seq());
            g.writeStringField("at", e.at().toString());
            g.writeStringField("actor", e.actor());
            g.writeArrayFieldStart("roles");
            for (String role : e.roles()) {
                g.writeString(role);
            }
            g.writeEndArray();
            g.writeStringField("sourceAddress", e.sourceAddress());
            g.writeStringField("action", e.action());
            g.writeObjectFieldStart("parameters");
            for (var p : e.parameters().entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeStringField("purpose", e.purpose());
            g.writeStringField("caseReference", e.caseReference());
            g.writeNumberField("resultCount", e.resultCount());
            g.writeNumberField("outcome", e.outcome());
            g.writeStringField("prevHash", r.prevHash());
            g.writeStringField("hash", r.hash());
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * What a check of an archive file found.
     *
     * @param archive the trailer's statement; null when there is no readable trailer
     * @param signed whether the trailer's signature verified with the key
     * @param problems each thing wrong, in file order; empty when the archive is whole and signed
     */
    public record Check(Written archive, boolean signed, List<String> problems) {
        public Check {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks {@code file} offline: every record against its hash and the one before it, the trailer's range, chain
     * ends, count and SHA-256, and the trailer's signature with {@code key}.
     *
     * @throws IOException when the file cannot be read
     */
    public static Check verify(Path file, PublicKey key) throws IOException {
        List<String> problems = new ArrayList<>();
        MessageDigest sha = sha256();
        String fileName = file.getFileName().toString();
        long first = -1;
        long expected = -1;
        String prev = null;
        String firstPrev = null;
        long records = 0;
        String trailer = null;
        try (InputStream in = Files.newInputStream(file);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.startsWith(MAGIC + " ")) {
                    trailer = line;
                    if (lines.readLine() != null) {
                        problems.add("line " + (number + 1) + ": text after the signed trailer");
                    }
                    break;
                }
                sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (line.length() > MAX_LINE) {
                    problems.add("line " + number + ": longer than " + MAX_LINE + " characters");
                    continue;
                }
                AuditRecord r;
                try {
                    r = parse(line);
                } catch (IOException | RuntimeException e) {
                    problems.add("line " + number + ": not an audit record (" + e.getMessage() + ")");
                    continue;
                }
                if (first < 0) {
                    first = r.seq();
                    expected = r.seq();
                    firstPrev = r.prevHash();
                    prev = r.prevHash();
                }
                if (r.seq() != expected) {
                    problems.add("line " + number + ": record " + r.seq() + " where record " + expected + " belongs");
                } else if (!r.prevHash().equals(prev)) {
                    problems.add("line " + number + ": record " + r.seq() + " does not follow the record before it");
                } else if (!AuditChain.hash(r.seq(), r.prevHash(), r.entry()).equals(r.hash())) {
                    problems.add("line " + number + ": record " + r.seq() + " was changed: its fields do not match"
                            + " its hash");
                }
                expected = r.seq() + 1;
                prev = r.hash();
                records++;
            }
        }
        if (trailer == null) {
            problems.add("no signed trailer (" + MAGIC + " ...): the archive is cut short or not one");
            return new Check(null, false, problems);
        }
        Matcher m = TRAILER.matcher(trailer);
        if (!m.matches()) {
            problems.add("the trailer is not of the form " + MAGIC + " first=... last=... prev=... head=... records=..."
                    + " sha256=... at=... sig=...");
            return new Check(null, false, problems);
        }
        try {
            Instant.parse(m.group(7));
        } catch (DateTimeParseException e) {
            problems.add("the trailer's time is not a time");
        }
        Written stated = new Written(fileName, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3),
                m.group(4), Long.parseLong(m.group(5)), fileSha256(file));
        boolean signed = key != null && Ed25519KeyFile.verifies(key,
                trailer.substring(0, m.start(8) - " sig=".length()).getBytes(StandardCharsets.US_ASCII),
                Base64.getDecoder().decode(m.group(8)));
        if (!signed) {
            problems.add(key == null ? "no key to check the trailer's signature with"
                    : "the trailer's signature does not verify: forged, edited, or signed by another key");
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(m.group(6))) {
            problems.add("the records' SHA-256 is not the one the trailer states: records were changed, added or"
                    + " removed");
        }
        if (records != stated.records() || first != stated.first() || expected - 1 != stated.last()
                || !stated.prevHash().equals(firstPrev) || !stated.headHash().equals(prev)) {
            problems.add("the records (" + records + ", " + first + ".." + (expected - 1) + ") are not the ones the"
                    + " trailer states (" + stated.records() + ", " + stated.first() + ".." + stated.last()
                    + ", or their chain ends differ)");
        }
        return new Check(stated, signed, problems);
    }

    private static AuditRecord parse(String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Long seq = null;
            Long resultCount = null;
            Integer outcome = null;
            String at = null;
            String actor = null;
            String source = null;
            String action = null;
            String purpose = null;
            String caseReference = null;
            String prevHash = null;
            String hash = null;
            List<String> roles = null;
            TreeMap<String, String> parameters = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "seq" -> seq = p.getLongValue();
                    case "at" -> at = p.getText();
                    case "actor" -> actor = p.getText();
                    case "roles" -> {
                        roles = new ArrayList<>();
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            roles.add(p.getText());
                        }
                    }
                    case "sourceAddress" -> source = p.getText();
                    case "action" -> action = p.getText();
                    case "parameters" -> {
                        parameters = new TreeMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            parameters.put(name, p.getText());
                        }
                    }
                    case "purpose" -> purpose = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "caseReference" -> caseReference = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "resultCount" -> resultCount = p.getLongValue();
                    case "outcome" -> outcome = p.getIntValue();
                    case "prevHash" -> prevHash = p.getText();
                    case "hash" -> hash = p.getText();
                    default -> throw new IOException("unknown field " + field);
                }
            }
            if (seq == null || at == null || resultCount == null || outcome == null || prevHash == null
                    || hash == null) {
                throw new IOException("a field is missing");
            }
            return new AuditRecord(seq, new AuditEntry(Instant.parse(at), actor, roles, source, action, parameters,
                    purpose, caseReference, resultCount, outcome), prevHash, hash);
        }
    }

    static String fileSha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
